namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>
/// A plain double-precision MLP (ReLU hidden layers, linear output) over float parameters, for finite
/// differences: returns the loss and the ReLU on/off pattern, so a difference that straddles a kink can be told.
/// </summary>
internal static class MlpReference
{
    public static (double Loss, bool[] Pattern) Loss(IReadOnlyList<int> sizes, IReadOnlyList<double[]> parameters,
        float[] input, int batch, float[]? vectorTargets, int[]? tokenTargets)
    {
        var pattern = new List<bool>();
        double[] x = Array.ConvertAll(input, v => (double)v);
        int layers = sizes.Count - 1;
        for (int l = 0; l < layers; l++)
        {
            int inSize = sizes[l], outSize = sizes[l + 1];
            double[] weight = parameters[2 * l], bias = parameters[2 * l + 1];
            var y = new double[batch * outSize];
            for (int i = 0; i < batch; i++)
            {
                for (int o = 0; o < outSize; o++)
                {
                    double sum = bias[o];
                    for (int p = 0; p < inSize; p++)
                        sum += x[i * inSize + p] * weight[o * inSize + p];
                    if (l < layers - 1)
                    {
                        pattern.Add(sum > 0);
                        sum = Math.Max(sum, 0);
                    }

                    y[i * outSize + o] = sum;
                }
            }

            x = y;
        }

        int classes = sizes[^1];
        double loss = 0;
        if (vectorTargets is not null)
        {
            for (int i = 0; i < x.Length; i++)
                loss += (x[i] - vectorTargets[i]) * (x[i] - vectorTargets[i]);
            loss /= x.Length;
        }
        else
        {
            for (int i = 0; i < batch; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int c = 0; c < classes; c++)
                    max = Math.Max(max, x[i * classes + c]);
                for (int c = 0; c < classes; c++)
                    sum += Math.Exp(x[i * classes + c] - max);
                loss += max + Math.Log(sum) - x[i * classes + tokenTargets![i]];
            }

            loss /= batch;
        }

        return (loss, [.. pattern]);
    }
}
