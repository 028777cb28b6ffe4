using System.CommandLine;
using SurgeCollapse.Cli.Experiment;
using SurgeCollapse.Simd.Data;

namespace SurgeCollapse.Cli.Commands;

/// <summary>The data options of <c>surge experiment</c> (SPEC §2): the source and its shape, bound into <see cref="DataSettings"/>.</summary>
internal sealed class DataOptions
{
    private readonly Option<string> _kind = new("--data") { Description = "Data source: ar (vectors), markov (tokens of a seeded order-k chain) or text (tokens of --file)", DefaultValueFactory = _ => "ar" };
    private readonly Option<int> _samples = new("--samples") { Description = "Samples (90 % training, 10 % validation); for text, the most samples read", DefaultValueFactory = _ => new ArDataOptions().Samples };
    private readonly Option<int> _dimension = new("--dimension") { Description = "ar: dimension of the state", DefaultValueFactory = _ => new ArDataOptions().Dimension };
    private readonly Option<int> _vocabulary = new("--vocabulary") { Description = "markov: number of symbols V", DefaultValueFactory = _ => new MarkovDataOptions().VocabularySize };
    private readonly Option<int> _order = new("--order") { Description = "markov: order k of the chain (and the context the model sees)", DefaultValueFactory = _ => new MarkovDataOptions().Order };
    private readonly Option<string?> _file = new("--file") { Description = "text: the UTF-8 text file" };
    private readonly Option<string> _tokenization = new("--tokenization") { Description = "text: bytes (vocabulary 256) or characters (the file's distinct characters)", DefaultValueFactory = _ => "bytes" };
    private readonly Option<int> _context = new("--context") { Description = "text: tokens of context k", DefaultValueFactory = _ => new TextDataOptions().ContextLength };

    private DataOptions()
    {
        _kind.AcceptOnlyFromAmong("ar", "markov", "text");
        _tokenization.AcceptOnlyFromAmong("bytes", "characters");
    }

    public static DataOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_kind, _samples, _dimension, _vocabulary, _order, _file, _tokenization, _context])
            command.Options.Add(option);
    }

    public DataSettings Bind(ParseResult result) => new(
        result.GetValue(_kind)!, result.GetValue(_samples), result.GetValue(_dimension), result.GetValue(_vocabulary), result.GetValue(_order),
        result.GetValue(_file), result.GetValue(_tokenization) == "characters" ? TextTokenization.Characters : TextTokenization.Bytes, result.GetValue(_context));
}
