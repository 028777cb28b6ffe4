using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project perf/SurgeCollapse.Simd.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
