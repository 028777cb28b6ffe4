namespace SurgeCollapse.Simd.Tests;

/// <summary>Puts NaN, ±∞, ±0 and subnormals into a random array, where they mean something to a kernel.</summary>
internal static class SpecialValues
{
    private static readonly float[] Values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon];

    public static float[] Sprinkle(float[] values, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
        {
            if (random.Next(8) == 0)
                values[i] = Values[random.Next(Values.Length)];
        }

        return values;
    }
}
