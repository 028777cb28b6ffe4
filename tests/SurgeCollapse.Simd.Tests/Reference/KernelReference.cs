namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>Plain scalar twins of the element-wise kernels, written from the spec, not from the engine's code.</summary>
internal static class KernelReference
{
    /// <summary>PyTorch's relu: max(x, 0), NaN stays NaN, −0 becomes +0 (IEEE 754-2019 maximum).</summary>
    public static float Relu(float x) => float.IsNaN(x) ? x : x > 0 ? x : 0f;

    public static float ReluBackward(float output, float dOutput) => output > 0 ? dOutput : 0f;

    public static double MeanSquaredError(float[] output, float[] target)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
            sum += ((double)output[i] - target[i]) * ((double)output[i] - target[i]);
        return sum / output.Length;
    }

    public static (double Loss, double[] Gradient) CrossEntropy(float[] logits, int[] targets, int classes)
    {
        int batch = targets.Length;
        var gradient = new double[logits.Length];
        double loss = 0;
        for (int i = 0; i < batch; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < classes; c++)
                max = Math.Max(max, logits[i * classes + c]);
            for (int c = 0; c < classes; c++)
                sum += Math.Exp(logits[i * classes + c] - max);
            loss += max + Math.Log(sum) - logits[i * classes + targets[i]];
            for (int c = 0; c < classes; c++)
                gradient[i * classes + c] = (Math.Exp(logits[i * classes + c] - max) / sum - (c == targets[i] ? 1 : 0)) / batch;
        }

        return (loss / batch, gradient);
    }
}
