return SurgeCollapse.Cli.SurgeApp.Run(args, Console.Out, Console.Error);
