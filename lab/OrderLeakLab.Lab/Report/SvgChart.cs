using System.Net;
using System.Text;
using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// SvgChart draws one time-series chart as inline SVG (no script, no network): phase bands, nice axis ticks,
/// one path per series with gaps where a value is unknown, reference lines and exit markers. Every chart of a
/// report shares the same X range, so the variants line up second by second.
/// </summary>
internal sealed class SvgChart(string id, string title, string unit, double xMax, RunPhases phases)
{
    private const double Width = 1200, Height = 300, Left = 78, Right = 16, Top = 34, Bottom = 40;
    private readonly List<ChartSeries> series = [];
    private readonly List<ChartMarker> markers = [];
    private readonly List<ChartLine> lines = [];
    private readonly List<ChartGap> gaps = [];

    public string Id => id;

    public SvgChart Add(ChartSeries line)
    {
        series.Add(line);
        return this;
    }

    public SvgChart Mark(ChartMarker marker)
    {
        markers.Add(marker);
        return this;
    }

    public SvgChart Shade(ChartGap gap)
    {
        gaps.Add(gap);
        return this;
    }

    public SvgChart Reference(ChartLine line)
    {
        lines.Add(line);
        return this;
    }

    public string Render(Func<double, string> formatY)
    {
        // A limit far above the data (e.g. the machine's memory when there is no cgroup) would flatten every line
        // to the axis: such lines are left off the scale and named at the top instead.
        var seriesMax = series.SelectMany(s => s.Points).Select(p => p.Y ?? 0).DefaultIfEmpty(0).Max();
        var offScale = lines.Where(l => seriesMax > 0 && l.Y > seriesMax * 3).ToList();
        var yMaxData = Math.Max(seriesMax, lines.Except(offScale).Select(l => l.Y).DefaultIfEmpty(0).Max());
        var yStep = NiceStep(yMaxData <= 0 ? 1 : yMaxData, 5);
        var yMax = Math.Max(yStep, Math.Ceiling(yMaxData * 1.04 / yStep) * yStep);
        var xEnd = Math.Max(xMax, 1);
        double X(double x) => Left + ((Width - Left - Right) * Math.Clamp(x, 0, xEnd) / xEnd);
        double Y(double y) => Top + ((Height - Top - Bottom) * (1 - Math.Clamp(y, 0, yMax) / yMax));

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"20\" class=\"title\">{Encode(title)}</text>"));
        Band(svg, X(0), X(phases.LoadStart.TotalSeconds), "baseline");
        Band(svg, X(phases.LoadEnd.TotalSeconds), X(Math.Min(phases.End.TotalSeconds, xEnd)), "cooldown");
        foreach (var gap in gaps)
        {
            var (from, to) = (X(gap.From), Math.Max(X(gap.To), X(gap.From) + 2));
            svg.Append(Invariant($"<g class=\"gap\"><title>{Encode(gap.Label)}</title><rect fill=\"{gap.Color}\" x=\"{from:0.#}\" y=\"{Top}\" width=\"{to - from:0.#}\" height=\"{Height - Top - Bottom}\"/>"));
            if (to - from >= 60)
            {
                svg.Append(Invariant($"<text class=\"gap-label\" fill=\"{gap.Color}\" x=\"{(from + to) / 2:0.#}\" y=\"{Top + 30 + (12 * gap.Lane)}\" text-anchor=\"middle\">{Encode(gap.Label)}</text>"));
            }

            svg.Append("</g>");
        }

        for (var y = 0.0; y <= yMax + (yStep / 2); y += yStep)
        {
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(y):0.#}\" y2=\"{Y(y):0.#}\"/>"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Y(y) + 4:0.#}\" text-anchor=\"end\">{Encode(formatY(y))}</text>"));
        }

        var xStep = NiceStep(xEnd, 10);
        for (var x = 0.0; x <= xEnd + (xStep / 2); x += xStep)
        {
            svg.Append(Invariant($"<text class=\"tick\" x=\"{X(x):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{x:0}s</text>"));
        }

        svg.Append(Invariant($"<text class=\"tick\" x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">time since start · {Encode(unit)}</text>"));
        foreach (var line in offScale)
        {
            svg.Append(Invariant($"<text class=\"tick off-scale\" fill=\"{line.Color}\" x=\"{Width - Right - 4}\" y=\"20\" text-anchor=\"end\">↑ {Encode(line.Label)}, off scale</text>"));
        }

        foreach (var line in lines.Except(offScale))
        {
            svg.Append(Invariant($"<line class=\"limit\" stroke=\"{line.Color}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(line.Y):0.#}\" y2=\"{Y(line.Y):0.#}\"><title>{Encode(line.Label)}</title></line>"));
            svg.Append(Invariant($"<text class=\"tick\" fill=\"{line.Color}\" x=\"{Width - Right - 4}\" y=\"{Y(line.Y) - 4:0.#}\" text-anchor=\"end\">{Encode(line.Label)}</text>"));
        }

        foreach (var s in series)
        {
            var d = PathData(s.Points, X, Y);
            if (d.Length > 0)
            {
                var dash = s.Dash is null ? "" : $" stroke-dasharray=\"{s.Dash}\"";
                svg.Append(Invariant($"<path class=\"series\" data-series=\"{Encode(s.Name)}\" stroke=\"{s.Color}\"{dash} d=\"{d}\"><title>{Encode(s.Name)}</title></path>"));
            }
        }

        foreach (var marker in markers)
        {
            var x = X(marker.X);
            svg.Append(Invariant($"<g class=\"marker\"><title>{Encode(marker.Label)}</title><line stroke=\"{marker.Color}\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/><path fill=\"{marker.Color}\" d=\"M{x - 6:0.#} {Top - 8} L{x + 6:0.#} {Top - 8} L{x:0.#} {Top + 2} Z\"/></g>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The legend as HTML under the chart (wraps however many series there are).</summary>
    public string LegendHtml()
    {
        var html = new StringBuilder("<div class=\"legend\">");
        foreach (var s in series)
        {
            var dash = s.Dash is null ? "" : $" stroke-dasharray=\"{s.Dash}\"";
            html.Append(Invariant($"<span><svg width=\"26\" height=\"10\"><line x1=\"0\" x2=\"26\" y1=\"5\" y2=\"5\" stroke=\"{s.Color}\" stroke-width=\"3\"{dash}/></svg>{Encode(s.Name)}</span>"));
        }

        return html.Append("</div>").ToString();
    }

    private static void Band(StringBuilder svg, double from, double to, string label)
    {
        if (to - from < 1)
        {
            return;
        }

        svg.Append(Invariant($"<rect class=\"band\" x=\"{from:0.#}\" y=\"{Top}\" width=\"{to - from:0.#}\" height=\"{Height - Top - Bottom}\"/>"));
        svg.Append(Invariant($"<text class=\"band-label\" x=\"{(from + to) / 2:0.#}\" y=\"{Top + 14}\" text-anchor=\"middle\">{label}</text>"));
    }

    private static string PathData(IReadOnlyList<(double X, double? Y)> points, Func<double, double> x, Func<double, double> y)
    {
        var d = new StringBuilder();
        var pen = false;
        foreach (var (px, py) in points)
        {
            if (py is not { } value || !double.IsFinite(value))
            {
                pen = false;
                continue;
            }

            d.Append(Invariant($"{(pen ? " L" : (d.Length > 0 ? " M" : "M"))}{x(px):0.#} {y(value):0.#}"));
            pen = true;
        }

        return d.ToString();
    }

    private static double NiceStep(double range, int ticks)
    {
        var raw = range / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var residual = raw / magnitude;
        return magnitude * (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
