using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using TorchSharp;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>
/// The engine against libtorch (TorchSharp) on the same workloads in one process, one thread each: training steps
/// (plain and with the notebook's dynamics), prediction at batch 1 and 64, GEMM at the engine's shapes, and the
/// engine's FMA peak of the same run. Prints a table and the JSON. Options: <c>--quick</c> (a tenth of the time, a
/// smoke test), <c>--json FILE</c> (also write the JSON there).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        int jsonAt = Array.IndexOf(args, "--json");
        string? jsonPath = jsonAt >= 0 && jsonAt + 1 < args.Length ? args[jsonAt + 1] : null;
        double scale = quick ? 0.1 : 1.0;

        Gemm.MaxThreads = 1; // every engine product on the caller's thread (what Gemm.NeverSplit does per call)
        try
        {
            torch.set_num_threads(1);
            torch.set_num_interop_threads(1);
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException)
        {
            Console.Error.WriteLine($"libtorch did not load: {e.Message}");
            Console.Error.WriteLine("If it names GLIBCXX_3.4.32, build with `dotnet build -c Release` (which runs fix-glibcxx.sh); see README.md.");
            return 2;
        }

        string machine = Machine.Describe();
        Console.WriteLine(machine);
        Console.WriteLine();
        var report = new Report();
        var started = DateTime.UtcNow;

        Peak(report, scale);
        Training(report, scale);
        Prediction(report, scale);
        Gemms(report, scale);

        report.AddExtra("run_seconds", Math.Round((DateTime.UtcNow - started).TotalSeconds));
        string table = report.Table("## Engine vs libtorch, one thread each");
        string json = report.Json(Machine.Write);
        Console.WriteLine(table);
        Console.WriteLine(json);
        if (jsonPath is not null)
            File.WriteAllText(jsonPath, json);
        return 0;
    }

    /// <summary>The engine's FMA ceiling at the widest width and at 256 bits: what every GFLOPS figure is read against.</summary>
    private static void Peak(Report report, double scale)
    {
        const int iterations = 1 << 16;
        foreach (SimdWidth width in new[] { SimdCapabilities.Widest, SimdWidth.Vector256 }.Distinct())
        {
            float sink = 0;
            Samples peak = Timing.Alone(() => sink += FmaPeak.Run(width, iterations), calls: 10, seconds: 1.0 * scale);
            report.AddExtra($"fma_peak_gflops_{width}", FmaPeak.Flops(width, iterations) / peak.Median / 1e9, "engine, one core, 12 accumulators");
            GC.KeepAlive(sink);
        }
    }

    private static void Training(Report report, double scale)
    {
        foreach (bool notebook in new[] { false, true })
        {
            var model = new Mlp(Workload.Sizes, Workload.Batch, Workload.Seed);
            using var torchModel = new TorchModel(model); // copies the initial parameters before the engine trains
            var engine = new EngineTraining(model, notebook);
            using var libtorch = new TorchTraining(torchModel, engine.Inputs, engine.Targets, notebook);
            string key = notebook ? "train_step_notebook" : "train_step";
            if (!notebook)
            {
                float first = engine.Step(), torchFirst = libtorch.Step();
                report.AddExtra("check_first_loss_engine", first, "MSE of the first step, same weights and batch on both sides");
                report.AddExtra("check_first_loss_libtorch", torchFirst);
            }

            // A window of 200 steps holds exactly two collapses and one surge, wherever it starts.
            (Samples e, Samples t) = Timing.Windows(() => engine.Step(), () => libtorch.Step(), calls: Workload.SurgeEvery, seconds: 4.0 * scale);
            report.AddRate(key, notebook ? "training step, notebook dynamics" : "training step, Adam, MSE", "steps/s",
                1 / e.Median, 1 / t.Median, atLeast: notebook ? null : 2.5);
            report.AddExtra($"{key}_engine_allocated_bytes", e.AllocatedBytes, "over all timed windows");
            GC.KeepAlive(engine.Sink + libtorch.Sink);
        }
    }

    private static void Prediction(Report report, double scale)
    {
        var model = new Mlp(Workload.Sizes, Workload.Batch, Workload.Seed);
        using var torchModel = new TorchModel(model);
        using var noGrad = torch.no_grad(); // held for the whole phase, as inference code does

        var engineOne = new EnginePredict(model, Workload.Normals(model.InputSize, stream: 3));
        using var torchOne = new TorchPredict(torchModel, engineOne.Input);
        (Samples e1, Samples t1) = Timing.SingleCalls(engineOne.Run, torchOne.Run, calls: (int)(100_000 * scale));
        report.AddLatency("predict_batch1_median", "prediction, batch 1, median", e1.Median * 1e9, t1.Median * 1e9, atMost: 1.0 / 3);
        report.AddLatency("predict_batch1_p99", "prediction, batch 1, p99", e1.Percentile(0.99) * 1e9, t1.Percentile(0.99) * 1e9);
        report.AddExtra("predict_batch1_engine_p99_over_median", e1.Percentile(0.99) / e1.Median, "target <= 2");
        report.AddExtra("predict_batch1_libtorch_p99_over_median", t1.Percentile(0.99) / t1.Median);
        report.AddExtra("predict_batch1_engine_allocated_bytes", e1.AllocatedBytes);

        var engine64 = new EnginePredict(model, Workload.Normals(Workload.Batch * model.InputSize, stream: 3));
        using var torch64 = new TorchPredict(torchModel, engine64.Input);
        (Samples e64, Samples t64) = Timing.Windows(engine64.Run, torch64.Run, calls: 100, seconds: 2.0 * scale);
        report.AddLatency("predict_batch64_median", "prediction, batch 64, median", e64.Median * 1e9, t64.Median * 1e9, atMost: 0.7);
        report.AddExtra("predict_batch64_engine_allocated_bytes", e64.AllocatedBytes);
        report.AddExtra("check_predict_batch64_max_abs_diff", MaxAbsDifference(engine64.Output, torch64.Result()), "engine vs libtorch outputs");
    }

    private static void Gemms(Report report, double scale)
    {
        double peak = report.Extra($"fma_peak_gflops_{SimdCapabilities.Widest}");
        double worst = 0;
        long allocated = 0;
        foreach (GemmForm form in Enum.GetValues<GemmForm>())
        {
            foreach ((int M, int N, int K) shape in Workload.GemmShapes)
            {
                var engine = new EngineGemm(form, shape);
                using var libtorch = new TorchGemm(form, shape, engine.A, engine.B);
                double flops = 2.0 * shape.M * shape.N * shape.K;
                int calls = Math.Max(1, (int)(2e8 / flops)); // windows of about 2 ms of engine work or more
                (Samples e, Samples t) = Timing.Windows(engine.Run, libtorch.Run, calls, seconds: 0.6 * scale, minWindows: 7);
                string name = string.Create(CultureInfo.InvariantCulture, $"{shape.M}x{shape.N}x{shape.K}");
                string formName = form switch { GemmForm.Multiply => "A·B", GemmForm.MultiplyTransposeB => "A·Bᵀ", _ => "Aᵀ·B" };
                double engineGflops = flops / e.Median / 1e9;
                report.AddRate($"gemm_{form}_{name}", $"GEMM {formName} {name}", "GFLOPS", engineGflops, flops / t.Median / 1e9, peak: peak);
                allocated += e.AllocatedBytes;
                float[] torchC = libtorch.C.data<float>().ToArray();
                worst = Math.Max(worst, MaxAbsDifference(engine.C, torchC) / Math.Max(1e-30, engine.C.Max(Math.Abs)));
            }
        }

        report.AddExtra("gemm_engine_allocated_bytes", allocated);
        report.AddExtra("check_gemm_max_relative_diff", worst, "max |C_engine - C_libtorch| / max |C|, over all products");
    }

    private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
