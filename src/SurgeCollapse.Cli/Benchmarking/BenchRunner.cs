using System.Diagnostics;
using SurgeCollapse.Cli.Commands;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>Measures everything <c>surge bench</c> reports, one item after the other on the calling thread.</summary>
internal static class BenchRunner
{
    /// <summary>Runs every measurement with <see cref="Gemm.MaxThreads"/> = 1 (restored after); names each item on <paramref name="progress"/>.</summary>
    public static BenchResults Run(BenchBudget budget, bool quick, TextWriter progress)
    {
        long start = Stopwatch.GetTimestamp();
        using var gemmThreads = new GemmThreadsScope(1);
        var results = new BenchResults { Budget = budget, Quick = quick, PeakWidth = SimdCapabilities.Widest };

        progress.WriteLine($"surge bench: FMA peak ({results.PeakWidth}, one thread)");
        var peak = new FmaPeakWorkload(results.PeakWidth);
        results.FmaPeakGflops = Measurement.MeasureThroughput(peak, budget).CallsPerSecond * peak.Flops / 1e9;

        progress.WriteLine("surge bench: training step, plain and per policy, side by side");
        var batches = new TrainingBatches();
        List<(string Name, TrainingStepWorkload Workload)> steps = [("plain", TrainingStepWorkload.Plain(batches))];
        foreach (DynamicsPolicy policy in Enum.GetValues<DynamicsPolicy>())
            steps.Add((EnumWords.Of(policy), TrainingStepWorkload.For(policy, batches)));
        (Throughput Step, double FractionOfPlain)[] training = Measurement.MeasureSideBySide([.. steps.Select(s => s.Workload)], budget);
        for (int i = 0; i < steps.Count; i++)
            results.Training.Add((steps[i].Name, training[i].Step, training[i].FractionOfPlain));

        progress.WriteLine("surge bench: prediction latency, batch 1 and 64");
        results.TimerOverheadNs = Measurement.TimerOverhead(budget);
        results.PredictBatch1 = Measurement.MeasureLatency(new PredictWorkload(rows: 1), budget);
        results.PredictBatch64 = Measurement.MeasureLatency(new PredictWorkload(rows: DefaultWorkload.Batch), budget);

        foreach (GemmBenchForm form in Enum.GetValues<GemmBenchForm>())
        {
            progress.WriteLine($"surge bench: GEMM {EnumWords.Of(form)}");
            foreach ((int M, int N, int K) shape in GemmWorkload.Shapes)
            {
                var gemm = new GemmWorkload(form, shape);
                Throughput measured = Measurement.MeasureThroughput(gemm, budget);
                results.Gemm.Add((form, GemmWorkload.Name(shape), measured.CallsPerSecond * gemm.Flops / 1e9, measured.AllocatedBytesPerCall));
            }
        }

        results.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return results;
    }
}
