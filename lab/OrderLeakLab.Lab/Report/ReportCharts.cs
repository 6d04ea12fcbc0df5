using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// ReportCharts builds the report's four charts from the timelines, every variant on the same axes: memory vs
/// limit with restart markers, workers in flight, throughput and outcomes, p99 latency.
/// </summary>
internal static class ReportCharts
{
    private static readonly string[] Palette = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    public static IEnumerable<SvgChart> Build(RunReport report)
    {
        var xMax = Math.Max(report.Phases.End.TotalSeconds,
            report.Timelines.SelectMany(t => t.Samples).Select(s => s.Elapsed.TotalSeconds).DefaultIfEmpty(0).Max());
        var colors = report.Timelines.Select((t, i) => (t.Name, Color: ColorFor(t.Name, i))).ToDictionary(p => p.Name, p => p.Color);
        const double MiB = 1024 * 1024;

        var byWorkingSet = report.Timelines.Any(t => t.Samples.Any(s => s.WorkingSetBytes is not null));
        var memoryTitle = byWorkingSet
            ? "Memory vs limit: cgroup working set (what the OOM killer judges), RSS dashed (counts file pages the cgroup does not charge)"
            : "Memory (RSS) vs limit";
        var memory = new SvgChart("chart-memory", memoryTitle, "MiB", xMax, report.Phases);
        var workers = new SvgChart("chart-workers", "Workers in flight", "workers", xMax, report.Phases);
        var throughput = new SvgChart("chart-throughput", "Throughput and outcomes", "requests/s", xMax, report.Phases);
        var latency = new SvgChart("chart-latency", "p99 latency", "ms", xMax, report.Phases);
        foreach (var timeline in report.Timelines)
        {
            var color = colors[timeline.Name];
            var samples = timeline.Samples;
            if (samples.Any(s => s.WorkingSetBytes is not null))
            {
                memory.Add(new ChartSeries($"{timeline.Name} working set", color, Points(samples, s => s.WorkingSetBytes / MiB)));
                memory.Add(new ChartSeries($"{timeline.Name} RSS", color, Points(samples, s => s.RssBytes / MiB), "6 4"));
            }
            else
            {
                memory.Add(new ChartSeries($"{timeline.Name} RSS", color, Points(samples, s => s.RssBytes / MiB)));
            }

            // The lab's own end-of-run stop is in the tables; as a marker it would read like a crash.
            foreach (var exit in timeline.Exits.Where(e => e.Reason != ExitReason.Stopped))
            {
                var label = Invariant($"{timeline.Name}: {exit.Reason.Text()} at {exit.Elapsed.TotalSeconds:0.#}s (exit {exit.ExitCode?.ToString() ?? "?"}, up {exit.Uptime.TotalSeconds:0}s) {exit.Detail}");
                memory.Mark(new ChartMarker(exit.Elapsed.TotalSeconds, color, label));
                workers.Mark(new ChartMarker(exit.Elapsed.TotalSeconds, color, label));
            }

            workers.Add(new ChartSeries($"{timeline.Name} workers", color, Points(samples, s => s.WorkersInflight)));
            throughput.Add(new ChartSeries($"{timeline.Name} ok/s", color, Rates(samples, s => s.Ok)));
            throughput.Add(new ChartSeries($"{timeline.Name} timed out/s", color, Rates(samples, s => s.TimedOut), "7 4"));
            throughput.Add(new ChartSeries($"{timeline.Name} errors/s", color, Rates(samples, s => s.Errors), "2 3"));
            latency.Add(new ChartSeries($"{timeline.Name} p99", color, Points(samples, s => s.P99Ms)));
        }

        // One dashed line per distinct limit: the variants normally share one, and two labels would overprint.
        var limits = report.Timelines
            .Select(t => (t.Name, Limit: t.LimitBytes ?? t.Samples.Select(s => s.LimitBytes).LastOrDefault(l => l is not null)))
            .Where(t => t.Limit is > 0)
            .GroupBy(t => t.Limit!.Value);
        foreach (var group in limits)
        {
            var names = group.Select(t => t.Name).ToList();
            var color = names.Count == 1 ? colors[names[0]] : "#555555";
            memory.Reference(new ChartLine(group.Key / MiB, color, $"limit {ByteFormat.Human(group.Key)} ({string.Join(", ", names)})"));
        }

        // Spans where a target's /metrics did not answer, on every chart: a flat or empty line there is not a measurement.
        foreach (var (timeline, lane) in report.Timelines.Select((t, i) => (t, i)))
        {
            foreach (var (from, to, count) in SampleGaps.Spans(timeline.Samples))
            {
                var gap = new ChartGap(from.TotalSeconds, to.TotalSeconds, colors[timeline.Name],
                    Invariant($"{timeline.Name}: no /metrics {from.TotalSeconds:0}–{to.TotalSeconds:0}s ({count} sample{(count == 1 ? "" : "s")})"), lane);
                foreach (var chart in new[] { memory, workers, throughput, latency })
                {
                    chart.Shade(gap);
                }
            }
        }

        return [memory, workers, throughput, latency];
    }

    public static Func<double, string> FormatterFor(string chartId) => chartId switch
    {
        "chart-memory" => y => Invariant($"{y:0} MiB"),
        "chart-latency" => y => Invariant($"{y:0} ms"),
        _ => y => Invariant($"{y:0}"),
    };

    private static string ColorFor(string name, int index) => name.ToLowerInvariant() switch
    {
        "leaky" => "#d62728",
        "fixed" => "#1f77b4",
        _ => Palette[index % Palette.Length],
    };

    private static List<(double X, double? Y)> Points(IReadOnlyList<TargetSample> samples, Func<TargetSample, double?> value) =>
        samples.Select(s => (s.Elapsed.TotalSeconds, value(s))).ToList();

    // Samples carry counts per tick; divide by the tick length so a late tick does not look like a burst.
    private static List<(double X, double? Y)> Rates(IReadOnlyList<TargetSample> samples, Func<TargetSample, long> count)
    {
        var points = new List<(double X, double? Y)>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var seconds = i == 0 ? 1 : (samples[i].Elapsed - samples[i - 1].Elapsed).TotalSeconds;
            points.Add((samples[i].Elapsed.TotalSeconds, count(samples[i]) / Math.Max(seconds, 0.001)));
        }

        return points;
    }
}
