using System.Globalization;
using System.Text;
using OrderLeakLab.Load.Running;

namespace OrderLeakLab.Load.Reports;

/// <summary>MarkdownReport renders a result as a summary that fits a CI job summary: totals, thresholds, per-interval table.</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text for <paramref name="result"/>.</summary>
    public static string Render(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture,
            $"# Load run {(result.Passed ? "passed" : "FAILED")}\n\nStarted {result.StartedAt:u}, ran {result.Duration.TotalSeconds:0.#} s{(result.Cancelled ? " (cancelled early)" : "")}.\n\n");
        md.Append("| scenario | sent/s | ok | fail % | status codes | timeouts | conn errors | dropped | p50 ms | p75 ms | p95 ms | p99 ms | max ms | lag p99 ms |\n");
        md.Append("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var s in result.Scenarios)
        {
            var t = s.Total;
            md.Append(CultureInfo.InvariantCulture,
                $"| {s.Name} | {t.SentPerSecond:0.0} | {t.Ok} | {t.FailPercent:0.##} | {ConsoleReport.Codes(t)} | {t.Timeouts} | {t.ConnectionErrors} | {t.Dropped} | " +
                $"{t.Latency.P50:0.#} | {t.Latency.P75:0.#} | {t.Latency.P95:0.#} | {t.Latency.P99:0.#} | {t.Latency.Max:0.#} | {t.ScheduleLag.P99:0.###} |\n");
        }

        var thresholds = result.Scenarios.SelectMany(s => s.Thresholds.Select(t => (s.Name, t))).ToList();
        if (thresholds.Count > 0)
        {
            md.Append("\n## Thresholds\n\n| scenario | threshold | result | final value | first failed at |\n|---|---|---|--:|--:|\n");
            foreach (var (name, t) in thresholds)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {name} | `{t.Description}` | {(t.Passed ? "✅ passed" : "❌ failed")} | {t.FinalValue:0.###} | {(t.FirstFailedAt is { } at ? $"{at.TotalSeconds:0.#} s" : "-")} |\n");
            }
        }

        foreach (var s in result.Scenarios)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n<details><summary>{s.Name}: per-interval stats</summary>\n\n");
            md.Append("| t (s) | sent/s | done/s | ok | fail | timeouts | conn | dropped | p50 ms | p99 ms | max ms | in flight |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            foreach (var i in s.Intervals)
            {
                var v = i.Interval;
                md.Append(CultureInfo.InvariantCulture,
                    $"| {(i.Start + v.Duration).TotalSeconds:0.##} | {v.SentPerSecond:0} | {v.CompletedPerSecond:0} | {v.Ok} | {v.Fail} | {v.Timeouts} | {v.ConnectionErrors} | {v.Dropped} | {v.Latency.P50:0.#} | {v.Latency.P99:0.#} | {v.Latency.Max:0.#} | {i.InFlight} |\n");
            }

            md.Append("\n</details>\n");
        }

        return md.ToString();
    }
}
