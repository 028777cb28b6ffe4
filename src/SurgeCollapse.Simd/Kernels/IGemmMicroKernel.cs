namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// A register-blocked micro-kernel: computes one <see cref="Rows"/>×<see cref="Columns"/> tile of C from a
/// packed A panel (<c>kc</c> groups of <see cref="Rows"/> values) and a packed B panel (<c>kc</c> groups of
/// <see cref="Columns"/> values). Implemented by structs so the JIT specialises the blocked loop for each.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>MR: rows of C per tile.</summary>
    static abstract int Rows { get; }

    /// <summary>NR: columns of C per tile (a whole number of vectors).</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// <c>C[tile] = α·(A_panel·B_panel) + β·C[tile]</c>, writing only the first <paramref name="rows"/> rows and
    /// <paramref name="columns"/> columns (edge tiles); C is not read when β is 0.
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, int rows, int columns);
}
