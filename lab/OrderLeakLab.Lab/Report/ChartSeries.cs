namespace OrderLeakLab.Lab.Report;

/// <summary>One line on a chart: a name for the legend, a colour, a dash pattern, and points (null y = gap).</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double? Y)> Points, string? Dash = null);

/// <summary>A vertical marker (an exit / restart) at X, with a tooltip.</summary>
internal sealed record ChartMarker(double X, string Color, string Label);

/// <summary>A horizontal reference line (a memory limit) at Y.</summary>
internal sealed record ChartLine(double Y, string Color, string Label);

/// <summary>A shaded span where a target's samples are missing (its /metrics did not answer), labelled in lane <c>Lane</c>.</summary>
internal sealed record ChartGap(double From, double To, string Color, string Label, int Lane);
