using System.Globalization;
using ScottPlot;
using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Draws the report's charts with ScottPlot: one chart per metric per σ, a line per policy (the mean over its completed
/// seeds), the events of one seed per policy as markers on that policy's line (shape per kind) and the loss floor as a
/// dashed horizontal line. Losses use a logarithmic axis, where a run near its floor is still readable.
/// </summary>
internal static partial class ChartRenderer
{
    public const int Width = 640;
    public const int Height = 360;

    /// <summary>At most this many buckets per line; each keeps its lowest and highest point, so spikes survive.</summary>
    private const int Buckets = 320;

    /// <summary>The order charts appear in, with their file stem, title and axis label.</summary>
    public static readonly (ChartMetric Metric, string Stem, string Title, string Axis)[] Metrics =
    [
        (ChartMetric.TrainingLoss, "training_loss", "Training loss (smoothed)", "training loss"),
        (ChartMetric.ValidationLoss, "validation_loss", "Validation loss", "validation loss"),
        (ChartMetric.TargetEntropy, "target_entropy", "Target entropy", "target entropy (normalised)"),
        (ChartMetric.ActivationEntropy, "activation_entropy", "Activation entropy", "activation entropy (normalised)"),
        (ChartMetric.Sparsity, "sparsity", "Sparsity", "sparsity (fraction of weights at zero)"),
    ];

    private const string SansFont = "DejaVu Sans";

    private static readonly string[] PolicyColors = ["#4d4d4d", "#ff7f0e", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

    /// <summary>Renders every chart: metrics in <see cref="Metrics"/> order, then σ ascending.</summary>
    public static List<Chart> RenderAll(SweepAnalysis analysis)
    {
        var charts = new List<Chart>();
        foreach ((ChartMetric metric, string stem, string title, string axis) in Metrics)
        {
            foreach (double noise in analysis.NoiseLevels)
            {
                ArmSummary[] arms = [.. analysis.Arms.Where(arm => arm.Key.Noise == noise)];
                charts.Add(Render(analysis, arms, metric, noise, stem, title, axis));
            }
        }

        return charts;
    }

    /// <summary>The trailing window the training loss is smoothed over: 50 steps (the evaluation cadence) or less for short runs.</summary>
    public static int SmoothingWindow(long steps) => (int)Math.Clamp(steps / 20, 1, 50);

    private static Chart Render(SweepAnalysis analysis, ArmSummary[] arms, ChartMetric metric, double noise, string stem, string title, string axis)
    {
        bool logarithmic = metric is ChartMetric.TrainingLoss or ChartMetric.ValidationLoss;
        var plot = new Plot();
        // ScottPlot resolves every generic family to DejaVu Serif on Linux; ask for the sans face where it is installed.
        if (Fonts.GetTypeface(SansFont, bold: false, italic: false) is { FamilyName: SansFont })
            plot.Font.Set(SansFont);
        var legend = new List<LegendItem>();
        var eventShapes = new SortedDictionary<string, MarkerShape>(StringComparer.Ordinal);
        var seedsShown = new List<string>();
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        int window = 1;
        foreach (ArmSummary arm in arms)
        {
            IReadOnlyList<RunData> runs = arm.CompletedRuns.Count > 0 ? arm.CompletedRuns : arm.Runs;
            (double[] steps, double[] values) = MeanOverSeeds(runs, metric);
            if (metric == ChartMetric.TrainingLoss && values.Length > 0)
            {
                window = SmoothingWindow((long)steps[^1]);
                var smoothed = new double[values.Length];
                Smoothing.TrailingMean(values, window, smoothed);
                values = smoothed;
            }

            if (logarithmic)
                values = Array.ConvertAll(values, value => value > 0 ? Math.Log10(value) : double.NaN);
            Color color = Color.FromHex(PolicyColor(arm.Key.Policy, analysis));
            (double[] xs, double[] ys) = Decimate(steps, values);
            if (xs.Length == 0)
                continue;
            foreach (double y in ys)
            {
                low = Math.Min(low, y);
                high = Math.Max(high, y);
            }

            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 1.5f;
            legend.Add(new LegendItem { LabelText = arm.Key.Policy, LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.None });

            // The events of the arm's first seed, each on the policy's line at its step.
            RunData shown = runs[0];
            if (shown.Events.Count > 0)
                seedsShown.Add(string.Create(CultureInfo.InvariantCulture, $"{arm.Key.Policy} seed {shown.Seed}"));
            AddEventMarkers(plot, shown.Events, steps, values, color, eventShapes);
        }

        double[] floors = logarithmic
            ? [.. arms.SelectMany(arm => arm.Runs).Select(run => run.Record.LossFloor).OfType<double>().Where(f => f > 0).Distinct().Order()]
            : [];
        foreach (double floor in floors)
        {
            Color ink = Colors.Black.WithAlpha(0.7);
            plot.Add.HorizontalLine(Math.Log10(floor), 1.5f, ink, LinePattern.Dashed);
            legend.Add(new LegendItem { LabelText = $"loss floor {Format(floor)}", LineColor = ink, LineWidth = 1.5f, LinePattern = LinePattern.Dashed, MarkerShape = MarkerShape.None });
            low = Math.Min(low, Math.Log10(floor));
            high = Math.Max(high, Math.Log10(floor));
        }

        if (logarithmic && double.IsFinite(low) && double.IsFinite(high))
            plot.Axes.Left.TickGenerator = LogarithmicTicks(low, high);

        foreach ((string kind, MarkerShape shape) in eventShapes.OrderBy(pair => EventOrder(pair.Key)))
            legend.Add(new LegendItem { LabelText = kind, MarkerShape = shape, MarkerFillColor = Colors.Gray, MarkerLineColor = Colors.Black, MarkerSize = 9, LineWidth = 0 });

        if (metric is ChartMetric.TargetEntropy or ChartMetric.ActivationEntropy or ChartMetric.Sparsity && double.IsFinite(low))
            plot.Axes.SetLimitsY(Math.Min(0, low), Math.Max(high, metric == ChartMetric.Sparsity ? 0.05 : 1) * 1.02);

        string sigma = Format(noise);
        string chartTitle = $"{title} · σ = {sigma}";
        plot.Title(chartTitle, 14);
        plot.XLabel("step", 12);
        plot.YLabel(logarithmic ? $"{axis} (log scale)" : axis, 12);
        plot.ShowLegend(legend, Alignment.UpperRight);
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        // Skia places every glyph itself, so a viewer without the measuring font can substitute any sans face.
        string svg = FontFamily().Replace(plot.GetSvgXml(Width, Height), match => $"font-family=\"{match.Groups[1].Value}, sans-serif\"");

        string caption = (metric == ChartMetric.TrainingLoss ? $"Mean over completed seeds of the per-batch training loss, trailing mean over {window} steps. " : "Mean over completed seeds. ")
            + (seedsShown.Count > 0 ? $"Markers: events of {string.Join(", ", seedsShown)}. " : "No events. ")
            + (floors.Length > 0 ? "Dashed: the loss floor." : "");
        return new Chart(string.Create(CultureInfo.InvariantCulture, $"{stem}_sigma{noise}.svg"), metric, noise, chartTitle, caption.Trim(), svg);
    }

    /// <summary>
    /// Marks each event on the policy's line at its step (between evaluations of the validation loss, where the line
    /// is drawn through), one marker shape per kind (action) in the policy's colour.
    /// </summary>
    private static void AddEventMarkers(Plot plot, IReadOnlyList<RunEvent> events, double[] steps, double[] values, Color color,
        SortedDictionary<string, MarkerShape> shapesUsed)
    {
        foreach (IGrouping<string, RunEvent> kind in events.GroupBy(runEvent => runEvent.Action))
        {
            MarkerShape shape = EventShape(kind.Key);
            shapesUsed[kind.Key] = shape;
            double[] eventX = [.. kind.Select(runEvent => (double)runEvent.Step)];
            double[] eventY = [.. eventX.Select(x => Interpolate(steps, values, x))];
            var markers = plot.Add.Markers(eventX, eventY, shape, 7, color);
            markers.MarkerLineColor = Colors.Black.WithAlpha(0.6);
            markers.MarkerLineWidth = 0.5f;
        }
    }

    /// <summary>
    /// The mean over runs, step by step, of <paramref name="metric"/>: at each step, over the runs that have a finite
    /// value there (validation loss only at evaluation steps). Steps where none has one are left out.
    /// </summary>
    private static (double[] Steps, double[] Values) MeanOverSeeds(IReadOnlyList<RunData> runs, ChartMetric metric)
    {
        var sums = new SortedDictionary<long, (double Sum, int Count)>();
        foreach (RunData run in runs)
        {
            double[] column = run.Metrics.Column(metric);
            for (int i = 0; i < column.Length; i++)
            {
                if (!double.IsFinite(column[i]))
                    continue;
                (double sum, int count) = sums.GetValueOrDefault(run.Metrics.Steps[i]);
                sums[run.Metrics.Steps[i]] = (sum + column[i], count + 1);
            }
        }

        return ([.. sums.Keys.Select(step => (double)step)], [.. sums.Values.Select(entry => entry.Sum / entry.Count)]);
    }

    /// <summary>
    /// Thins a line to at most 2 × <see cref="Buckets"/> points: consecutive points are grouped into buckets and each
    /// keeps its lowest and highest point, in step order, so the envelope (a collapse spike, say) stays visible.
    /// </summary>
    private static (double[] Xs, double[] Ys) Decimate(double[] xs, double[] ys)
    {
        var keptX = new List<double>();
        var keptY = new List<double>();
        int bucketSize = Math.Max(1, (xs.Length + Buckets - 1) / Buckets);
        for (int start = 0; start < xs.Length; start += bucketSize)
        {
            int end = Math.Min(xs.Length, start + bucketSize);
            int lowest = -1, highest = -1;
            for (int i = start; i < end; i++)
            {
                if (!double.IsFinite(ys[i]))
                    continue;
                if (lowest < 0 || ys[i] < ys[lowest])
                    lowest = i;
                if (highest < 0 || ys[i] > ys[highest])
                    highest = i;
            }

            if (lowest < 0)
                continue;
            foreach (int i in lowest == highest ? [lowest] : new[] { Math.Min(lowest, highest), Math.Max(lowest, highest) })
            {
                keptX.Add(xs[i]);
                keptY.Add(ys[i]);
            }
        }

        return ([.. keptX], [.. keptY]);
    }

    /// <summary>The line's value at step <paramref name="x"/>, linear between its points, clamped at its ends.</summary>
    private static double Interpolate(double[] xs, double[] ys, double x)
    {
        if (xs.Length == 0)
            return double.NaN;
        int index = Array.BinarySearch(xs, x);
        if (index >= 0)
            return ys[index];
        index = ~index;
        if (index == 0)
            return ys[0];
        if (index == xs.Length)
            return ys[^1];
        double weight = (x - xs[index - 1]) / (xs[index] - xs[index - 1]);
        return ys[index - 1] + weight * (ys[index] - ys[index - 1]);
    }

    /// <summary>
    /// Ticks for an axis that holds log₁₀ of the values: labels in the values' units at 10ᵏ first, then 2 and 5 × 10ᵏ,
    /// then 3 × 10ᵏ and the other multiples, each only where it keeps an eighth of the axis from every label placed
    /// before it (so a narrow range still gets several labels and a wide one no crowding); minor ticks elsewhere.
    /// </summary>
    private static ScottPlot.TickGenerators.NumericManual LogarithmicTicks(double low, double high)
    {
        double margin = Math.Max(0.02, (high - low) * 0.1);
        low -= margin;
        high += margin;
        double minimumGap = (high - low) / 8;
        int[][] tiers = [[1], [2, 5], [3], [4, 6, 7, 8, 9]];
        var labelled = new List<double>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int[] tier in tiers)
        {
            for (int decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
            {
                foreach (int multiple in tier)
                {
                    double value = multiple * Math.Pow(10, decade);
                    double position = Math.Log10(value);
                    if (position < low || position > high)
                        continue;
                    if (labelled.TrueForAll(other => Math.Abs(other - position) >= minimumGap))
                    {
                        ticks.AddMajor(position, Format(value));
                        labelled.Add(position);
                    }
                    else
                    {
                        ticks.AddMinor(position);
                    }
                }
            }
        }

        return ticks;
    }

    /// <summary>A fixed colour per known policy (so a policy looks the same in every chart); others share the rest in order.</summary>
    private static string PolicyColor(string policy, SweepAnalysis analysis)
    {
        int index = Array.IndexOf(ArmKey.KnownPolicies, policy);
        if (index < 0)
        {
            string[] others = [.. analysis.Arms.Select(arm => arm.Key.Policy).Where(p => Array.IndexOf(ArmKey.KnownPolicies, p) < 0).Distinct().Order(StringComparer.Ordinal)];
            index = ArmKey.KnownPolicies.Length + Array.IndexOf(others, policy);
        }

        return PolicyColors[index % PolicyColors.Length];
    }

    private static MarkerShape EventShape(string action) => action switch
    {
        "collapse" => MarkerShape.FilledTriangleDown,
        "surge" => MarkerShape.FilledTriangleUp,
        "pump" => MarkerShape.FilledDiamond,
        _ => MarkerShape.FilledCircle,
    };

    private static int EventOrder(string action) => action switch { "collapse" => 0, "surge" => 1, "pump" => 2, _ => 3 };

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"font-family=""([^"",]*)""")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();
}
