using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge train</c>: trains one model on the <c>ar</c> data under a Surge-Collapse policy and prints, every epoch, the
/// losses and what the dynamics did.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per step", DefaultValueFactory = _ => 64 };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths, comma-separated (empty: a linear model)", DefaultValueFactory = _ => "256" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam, adamw or sgd", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "adamw", "sgd");
        var learningRate = new Option<double>("--learning-rate", "--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3 };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 };
        var noise = new Option<double>("--noise") { Description = "Standard deviation σ of the Gaussian noise added to training inputs", DefaultValueFactory = _ => 0.1 };
        var samples = new Option<int>("--samples") { Description = "Samples of the ar sequence (90 % training, 10 % validation)", DefaultValueFactory = _ => 10_000 };
        var dimension = new Option<int>("--dimension") { Description = "Dimension of the ar state (the model's input and output size)", DefaultValueFactory = _ => 128 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data, the initial weights, the shuffle and the noise", DefaultValueFactory = _ => 42UL };
        var threads = new Option<int>("--threads") { Description = "Threads one matrix product may use", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("train", "Train the model on the built-in auto-regressive (ar) data under a Surge-Collapse policy and print the losses, entropies, sparsity and events per epoch")
        {
            epochs, batchSize, hidden, optimizer, learningRate, momentum, noise, samples, dimension, seed, threads,
        };
        var dynamics = new DynamicsOptionsBinder();
        dynamics.AddTo(command);
        command.SetAction(result => Run(result.InvocationConfiguration.Output, new TrainSettings(
            result.GetValue(epochs), result.GetValue(batchSize), ParseSizes(result.GetValue(hidden)!), result.GetValue(optimizer)!,
            result.GetValue(learningRate), result.GetValue(momentum), result.GetValue(noise), result.GetValue(samples),
            result.GetValue(dimension), result.GetValue(seed), result.GetValue(threads), dynamics.Bind(result))));
        return command;
    }

    /// <summary>The flag behind each engine option, so range errors name what the user typed.</summary>
    private static readonly Dictionary<string, string> Flags = new(DynamicsOptionsBinder.Flags)
    {
        ["BatchSize"] = "--batch-size", ["InputNoiseStandardDeviation"] = "--noise", ["Dimension"] = "--dimension",
        ["Samples"] = "--samples", ["LearningRate"] = "--learning-rate", ["Momentum"] = "--momentum",
    };

    private sealed record TrainSettings(int Epochs, int BatchSize, int[] Hidden, string Optimizer, double LearningRate,
        double Momentum, double Noise, int Samples, int Dimension, ulong Seed, int Threads, DynamicsOptions Dynamics);

    private static int Run(TextWriter output, TrainSettings settings)
    {
        if (settings.Epochs < 1)
            throw new UserInputException($"--epochs: expected at least 1, got {settings.Epochs}");
        if (settings.Threads < 1)
            throw new UserInputException($"--threads: expected at least 1, got {settings.Threads}");
        var dataOptions = new ArDataOptions { Dimension = settings.Dimension, Samples = settings.Samples, Seed = settings.Seed };
        // One run seed for everything: data, initial weights, shuffle and noise each draw their own stream of it.
        var samplerOptions = new BatchSamplerOptions
        {
            BatchSize = settings.BatchSize, InputNoiseStandardDeviation = settings.Noise, Seed = settings.Seed,
        };
        OptionValidation.Check(dataOptions.Validate, Flags);
        OptionValidation.Check(samplerOptions.Validate, Flags);
        OptionValidation.Check(settings.Dynamics.Validate, Flags);
        if (settings.Dynamics.Policy == DynamicsPolicy.Adaptive && settings.Hidden.Length == 0)
            throw new UserInputException("--policy adaptive: its rules read the activation entropy of hidden layers; give --hidden at least one width");
        Gemm.MaxThreads = settings.Threads;

        output.WriteLine($"simd: {SimdCapabilities.Describe()}");
        var data = new ArDataSource(dataOptions);
        if (data.Validation.Count == 0)
            throw new UserInputException($"--samples: expected at least 10 so that the 10 % validation split holds a sample, got {settings.Samples}");
        int[] sizes = [settings.Dimension, .. settings.Hidden, settings.Dimension];
        var model = new Mlp(sizes, settings.BatchSize, settings.Seed);
        Optimizer optimizer = CreateOptimizer(settings, model);
        var trainer = new Trainer(model, optimizer, LossKind.MeanSquaredError);
        var pool = new NoisePool(settings.Seed, model.Parameters.Max(p => p.Length));
        var sampler = new BatchSampler(data.Training, samplerOptions, pool.InputNoise);
        var dynamics = new SurgeCollapseTrainer(trainer, settings.Dynamics, pool, settings.Noise, settings.Seed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model [{string.Join(", ", sizes)}], {settings.Optimizer} lr {settings.LearningRate:G4}, batch {settings.BatchSize}, " +
            $"input noise σ {settings.Noise:G3}, ar data: {data.Training.Count} training / {data.Validation.Count} validation samples, seed {settings.Seed}"));
        output.WriteLine(DynamicsDescription.Policy(settings.Dynamics));
        output.WriteLine(DynamicsDescription.Entropy(settings.Dynamics.Entropy));

        Dataset validation = data.Validation;
        double initial = trainer.Evaluate(validation.Inputs, validation.Targets, validation.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {0,3}  validation loss {initial:F6}"));
        var inputs = new float[settings.BatchSize * model.InputSize];
        var targets = new float[settings.BatchSize * model.OutputSize];
        var epochDynamics = new EpochDynamics();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            double trainingLoss = 0;
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < sampler.BatchesPerEpoch; step++)
            {
                int rows = sampler.NextBatch(inputs, targets);
                float loss = dynamics.Step(inputs, targets, rows);
                if (!float.IsFinite(loss))
                    throw new UserInputException($"training diverged at epoch {epoch}, step {step + 1}: loss is {loss}; lower --learning-rate");
                epochDynamics.Add(dynamics);
                trainingLoss += loss * rows;
            }

            double seconds = clock.Elapsed.TotalSeconds;
            double validationLoss = trainer.Evaluate(validation.Inputs, validation.Targets, validation.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,3}  training loss {trainingLoss / data.Training.Count:F6}  validation loss {validationLoss:F6}  " +
                $"{epochDynamics.Finish(dynamics)}  {sampler.BatchesPerEpoch / seconds:F0} steps/s"));
        }

        return 0;
    }

    private static Optimizer CreateOptimizer(TrainSettings settings, Mlp model)
    {
        switch (settings.Optimizer)
        {
            case "sgd":
                var sgd = new SgdOptions { LearningRate = settings.LearningRate, Momentum = settings.Momentum };
                OptionValidation.Check(sgd.Validate, Flags);
                return new Sgd(model.Parameters, sgd);
            default:
                AdamOptions adam = settings.Optimizer == "adamw" ? AdamOptions.AdamW : new AdamOptions();
                adam = adam with { LearningRate = settings.LearningRate };
                OptionValidation.Check(adam.Validate, Flags);
                return new Adam(model.Parameters, adam);
        }
    }

    private static int[] ParseSizes(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                throw new UserInputException($"--hidden: expected comma-separated positive widths such as 256 or 512,256, got '{text}'");
        }

        return sizes;
    }
}
