using SurgeCollapse.Simd.Entropy;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Entropy;

public sealed class EntropyOptionsTests
{
    public static readonly TheoryData<EntropyOptions, string> OutOfRange = new()
    {
        { new EntropyOptions { Bins = 0 }, "Bins" },
        { new EntropyOptions { Bins = EntropyOptions.MaxBins + 1 }, "Bins" },
        { new EntropyOptions { Unit = (EntropyUnit)7 }, "Unit" },
        { new EntropyOptions { Range = (HistogramRange)2 }, "Range" },
        { new EntropyOptions { Range = HistogramRange.Fixed, Low = float.NaN }, "Low" },
        { new EntropyOptions { Range = HistogramRange.Fixed, Low = 1, High = 1 }, "High" },
        { new EntropyOptions { Range = HistogramRange.Fixed, Low = 0, High = float.PositiveInfinity }, "High" },
        { new EntropyOptions { Range = HistogramRange.Fixed, Low = -3e38f, High = 3e38f }, "High" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_names_the_option_out_of_range(EntropyOptions options, string option)
    {
        var exception = Assert.ThrowsAny<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(option, exception.ParamName);
        Assert.Contains($"EntropyOptions.{option} =", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_the_spec_s_and_valid()
    {
        var options = new EntropyOptions();
        options.Validate();
        Assert.Equal((64, HistogramRange.Batch, EntropyUnit.Nats, false), (options.Bins, options.Range, options.Unit, options.MillerMadow));
        new EntropyOptions { Range = HistogramRange.Fixed, Low = -1, High = 1, Bins = EntropyOptions.MaxBins }.Validate();
        new EntropyOptions { Low = float.NaN }.Validate(); // the batch range ignores Low and High
    }

    [Fact]
    public void Meters_validate_their_options() =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new ActivationEntropyMeter(new EntropyOptions { Bins = 0 }));
}
