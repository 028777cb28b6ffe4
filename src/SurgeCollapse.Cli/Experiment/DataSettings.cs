using SurgeCollapse.Simd.Data;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>Which data a run trains on and its shape (SPEC §2): the command-line's data options, loaded per seed.</summary>
internal sealed record DataSettings(
    string Kind, int Samples, int Dimension, int Vocabulary, int Order, string? File, TextTokenization Tokenization, int Context)
{
    /// <summary>The flag behind each data option record's property, so range errors name what the user typed.</summary>
    public static readonly IReadOnlyDictionary<string, string> Flags = new Dictionary<string, string>
    {
        [nameof(ArDataOptions.Dimension)] = "--dimension", [nameof(ArDataOptions.Samples)] = "--samples",
        [nameof(MarkovDataOptions.VocabularySize)] = "--vocabulary", [nameof(MarkovDataOptions.Order)] = "--order",
        [nameof(TextDataOptions.MaxSamples)] = "--samples", [nameof(TextDataOptions.ContextLength)] = "--context",
        [nameof(TextDataOptions.Path)] = "--file",
    };

    /// <summary>Text is the same for every seed; ar and markov data are drawn from it.</summary>
    public bool DependsOnSeed => Kind != "text";

    /// <summary>Checks the options of the chosen source without building it.</summary>
    /// <exception cref="Simd.UserInputException">An option is out of range or missing.</exception>
    public void Validate()
    {
        switch (Kind)
        {
            case "ar":
                Commands.OptionValidation.Check(ArOptions(0).Validate, Flags);
                break;
            case "markov":
                Commands.OptionValidation.Check(MarkovOptions(0).Validate, Flags);
                break;
            default:
                if (string.IsNullOrEmpty(File))
                    throw new Simd.UserInputException("--file: expected the path of a UTF-8 text file for --data text, got none");
                Commands.OptionValidation.Check(TextOptions().Validate, Flags);
                break;
        }
    }

    /// <summary>Builds the data of <paramref name="seed"/>.</summary>
    public TrainingData Load(ulong seed) => Kind switch
    {
        "ar" => new VectorTrainingData(new ArDataSource(ArOptions(seed))),
        "markov" => TokenTrainingData.Markov(new MarkovDataSource(MarkovOptions(seed))),
        _ => TokenTrainingData.Text(new TextDataSource(TextOptions())),
    };

    private ArDataOptions ArOptions(ulong seed) => new() { Dimension = Dimension, Samples = Samples, Seed = seed };

    private MarkovDataOptions MarkovOptions(ulong seed) => new() { VocabularySize = Vocabulary, Order = Order, Samples = Samples, Seed = seed };

    private TextDataOptions TextOptions() => new() { Path = File ?? "", Tokenization = Tokenization, ContextLength = Context, MaxSamples = Samples };
}
