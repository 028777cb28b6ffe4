using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Optimizers;

public sealed class AllocationTests
{
    public static readonly TheoryData<string> Optimizers = ["SGD", "SGD Nesterov + weight decay", "Adam", "AdamW"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Step_allocates_nothing_after_warm_up(string name)
    {
        Parameter[] parameters = [new("layers.0.weight", 64, 37), new("layers.0.bias", 64)];
        foreach (Parameter parameter in parameters)
            Generators.RandomArray(parameter.Length, parameter.Length).CopyTo(parameter.Gradient, 0);
        Optimizer optimizer = name switch
        {
            "SGD" => new Sgd(parameters),
            "SGD Nesterov + weight decay" => new Sgd(parameters, new SgdOptions { Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4 }),
            "Adam" => new Adam(parameters),
            _ => new Adam(parameters, AdamOptions.AdamW),
        };

        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ => optimizer.Step()));
    }
}
