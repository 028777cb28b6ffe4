using System.CommandLine;
using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Commands;

/// <summary>The model and training-length options <c>train</c> and <c>experiment</c> share, with the same defaults and checks.</summary>
internal sealed class ModelOptions
{
    private readonly Option<int> _epochs = new("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Samples per step", DefaultValueFactory = _ => 64 };
    private readonly Option<string> _hidden = new("--hidden") { Description = "Hidden layer widths, comma-separated (empty: a linear model)", DefaultValueFactory = _ => "256" };
    private readonly Option<double> _learningRate = new("--learning-rate", "--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3 };

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_epochs, _batchSize, _hidden, _learningRate])
            command.Options.Add(option);
    }

    /// <summary>The values given, checked.</summary>
    /// <exception cref="UserInputException">A value is out of range; the message names its flag.</exception>
    public ModelSettings Bind(ParseResult result)
    {
        var settings = new ModelSettings(result.GetValue(_epochs), result.GetValue(_batchSize), ParseSizes(result.GetValue(_hidden)!), result.GetValue(_learningRate));
        Check(settings.Epochs >= 1, "--epochs", "at least 1", settings.Epochs);
        Check(settings.BatchSize is >= 1 and <= BatchSamplerOptions.MaxBatchSize, "--batch-size", $"a value in [1, {BatchSamplerOptions.MaxBatchSize}]", settings.BatchSize);
        Check(settings.LearningRate > 0 && double.IsFinite(settings.LearningRate), "--learning-rate", "a positive number", settings.LearningRate);
        return settings;
    }

    private static void Check(bool valid, string flag, string expected, object value)
    {
        if (!valid)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{flag}: expected {expected}, got {value}"));
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

/// <summary>The model's hidden widths, the training length and the step's size and learning rate.</summary>
internal sealed record ModelSettings(int Epochs, int BatchSize, int[] Hidden, double LearningRate)
{
    /// <summary>Refuses a policy this model cannot run: the adaptive rules read the entropy of hidden layers.</summary>
    /// <exception cref="UserInputException">The policy is adaptive and the model has no hidden layer.</exception>
    public void CheckPolicy(DynamicsPolicy policy)
    {
        if (policy == DynamicsPolicy.Adaptive && Hidden.Length == 0)
            throw new UserInputException("--policy adaptive: its rules read the activation entropy of hidden layers; give --hidden at least one width");
    }
}
