using System.Globalization;
using System.Text;

namespace SurgeCollapse.Simd.PerfGate.Tests;

/// <summary>A minimal BenchmarkDotNet 0.15 full JSON report, shaped like the real ones (fields the gate ignores left out).</summary>
internal static class ReportJson
{
    public const string AvxIntrinsics = "AVX512 F+BW+CD+DQ+VL,AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT VectorSize=256";
    public const string Avx2Intrinsics = "AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT VectorSize=256";

    /// <summary>One report; each benchmark gets a Jitting, a Warmup, Actual and Result measurements (ops = 4 per iteration).</summary>
    public static string Report(string intrinsics, params (string FullName, double[] NsPerOp, long Allocated)[] benchmarks)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""
            {"Title":"T","HostEnvironmentInfo":{"BenchmarkDotNetVersion":"0.15.8","OsVersion":"Linux Debian GNU/Linux 12 (bookworm)",
             "ProcessorName":"AMD EPYC","PhysicalCoreCount":2,"LogicalCoreCount":2,"RuntimeVersion":".NET 10.0.12","Architecture":"X64"},
             "Benchmarks":[
            """);
        for (int b = 0; b < benchmarks.Length; b++)
        {
            (string name, double[] ns, long allocated) = benchmarks[b];
            json.Append(b == 0 ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"FullName":"{{name}}","HardwareIntrinsics":"{{intrinsics}}","Memory":{"BytesAllocatedPerOperation":{{allocated}}},"Measurements":[""");
            json.Append("""{"IterationMode":"Workload","IterationStage":"Jitting","Operations":1,"Nanoseconds":9999999},""");
            json.Append("""{"IterationMode":"Workload","IterationStage":"Warmup","Operations":4,"Nanoseconds":8888888}""");
            foreach (string stage in new[] { "Actual", "Result" })
            {
                foreach (double value in ns)
                    json.Append(CultureInfo.InvariantCulture, $$""",{"IterationMode":"Workload","IterationStage":"{{stage}}","Operations":4,"Nanoseconds":{{(stage == "Actual" ? value + 1 : value) * 4}}}""");
            }

            json.Append("]}");
        }

        return json.Append("]}").ToString();
    }
}
