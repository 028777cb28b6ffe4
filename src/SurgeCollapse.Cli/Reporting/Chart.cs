namespace SurgeCollapse.Cli.Reporting;

/// <summary>One rendered chart: where it goes, what it shows and its SVG.</summary>
/// <param name="FileName">Its file name under charts/, e.g. <c>training_loss_sigma0.05.svg</c>.</param>
/// <param name="Metric">The quantity over steps.</param>
/// <param name="Noise">The σ of the arms it shows.</param>
/// <param name="Title">Its title.</param>
/// <param name="Caption">What the lines and markers are, for the reader.</param>
/// <param name="Svg">The SVG document as ScottPlot wrote it.</param>
internal sealed record Chart(string FileName, ChartMetric Metric, double Noise, string Title, string Caption, string Svg);
