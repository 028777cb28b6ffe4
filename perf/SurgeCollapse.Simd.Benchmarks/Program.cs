using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;

// Run with: dotnet run -c Release --project perf/SurgeCollapse.Simd.Benchmarks -- --filter '*FmaPeak*' '*Gemm*'
// Filters also match parameter values, e.g. --filter '*FmaPeak*' '*Gemm*512x512x512*' '*Gemm*64x128x256*'.
// After the run, a table of GFLOPS and % of the same run's FMA peak per width is printed and written beside the
// JSON results (BenchmarkDotNet.Artifacts/results/). Add --join to get the %FmaPeak column in one summary table.
foreach (string line in MachineInfo.Describe())
    Console.WriteLine(line);

Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create())];
FractionOfPeakReport.Write(summaries, Console.Out);
