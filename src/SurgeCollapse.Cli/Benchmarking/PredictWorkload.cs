using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary><see cref="Mlp.Predict"/> of the default model on a fixed number of rows into a preallocated output.</summary>
internal sealed class PredictWorkload : IBenchWorkload
{
    private readonly Mlp _model;
    private readonly float[] _input, _output;

    public PredictWorkload(int rows)
    {
        _model = new Mlp(DefaultWorkload.Sizes, DefaultWorkload.Batch, DefaultWorkload.Seed);
        _input = DefaultWorkload.Normals(rows * _model.InputSize, stream: 3);
        _output = new float[rows * _model.OutputSize];
    }

    /// <inheritdoc/>
    public int CycleCalls => 1;

    /// <inheritdoc/>
    public void Run() => _model.Predict(_input, _output);
}
