#!/usr/bin/env python3
"""OpenBLAS's single-thread SGEMM at the engine's shapes, for issue 10's "GEMM at least OpenBLAS's figure" target.

Run on the machine that runs the engine's benchmarks, with Debian's numpy (linked to OpenBLAS):
    sudo apt-get install python3-numpy libopenblas0-pthread
    /usr/bin/python3 perf/openblas/gemm.py
Prints one line per form and shape M×N×K (C is M×N, depth K, 2·M·N·K flops): the median GFLOPS of timed windows.
"""
import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy loads OpenBLAS
import time

import numpy as np

SHAPES = [(64, 128, 256), (64, 256, 128), (128, 64, 256), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (67, 131, 257)]


def operands(form, m, n, k, rng):
    """The two operands as the engine sees them: A·B, A·Bᵀ (B stored N×K) or Aᵀ·B (A stored K×M)."""
    a = rng.random((k, m) if form == "TransposeA" else (m, k), dtype=np.float32)
    b = rng.random((n, k) if form == "TransposeB" else (k, n), dtype=np.float32)
    return (a.T if form == "TransposeA" else a), (b.T if form == "TransposeB" else b)


def gflops(form, m, n, k, rng):
    a, b = operands(form, m, n, k, rng)
    c = np.empty((m, n), dtype=np.float32)
    calls = max(1, int(2e8 // (2 * m * n * k)))  # about 0.1 s a window on this class of machine
    for _ in range(3):
        np.matmul(a, b, out=c)
    windows = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        windows.append((time.perf_counter() - start) / calls)
    return 2.0 * m * n * k / sorted(windows)[len(windows) // 2] / 1e9


def main():
    rng = np.random.default_rng(42)
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS=1")
    for form in ("Plain", "TransposeB", "TransposeA"):
        for m, n, k in SHAPES:
            print(f"{form:10} {m}x{n}x{k:<5} {gflops(form, m, n, k, rng):7.1f} GFLOPS")


if __name__ == "__main__":
    main()
