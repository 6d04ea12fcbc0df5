using System.Globalization;
using System.Text;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Reports;

/// <summary>
/// ConsoleReport formats the live one-line-per-interval view and the end-of-run summary, e.g.
/// <c>[fixed ]   12s sent 1000/s done 998/s ok 998 fail 0 (-) to 0 conn 0 drop 0 | p50 301 p75 420 p95 480 p99 499 max 512 ms | lag p99 1.1 ms | inflight 503</c>.
/// </summary>
public static class ConsoleReport
{
    /// <summary>One line for one closed interval.</summary>
    public static string FormatInterval(IntervalStats stats, int nameWidth = 6)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var s = stats.Interval;
        var at = stats.Start + s.Duration;
        // The final interval is usually a short tail (drain); its per-second rates extrapolate a few events.
        var when = stats.IsFinal ? $"end+{s.Duration.TotalSeconds:0.0#}s" : $"{at.TotalSeconds:0.#}s";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{stats.Scenario.PadRight(nameWidth)}] {when,7} sent {s.SentPerSecond,6:0}/s done {s.CompletedPerSecond,6:0}/s " +
            $"ok {s.Ok,6} fail {s.Fail,6} ({Codes(s)}) to {s.Timeouts} conn {s.ConnectionErrors} drop {s.Dropped} | " +
            $"p50 {s.Latency.P50:0.#} p75 {s.Latency.P75:0.#} p95 {s.Latency.P95:0.#} p99 {s.Latency.P99:0.#} max {s.Latency.Max:0.#} ms | " +
            $"lag p99 {s.ScheduleLag.P99:0.0} ms | inflight {stats.InFlight}");
    }

    /// <summary>The summary printed when the run ends: totals and thresholds per scenario, then the verdict.</summary>
    public static string FormatSummary(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var scenario in result.Scenarios)
        {
            var t = scenario.Total;
            text.Append(CultureInfo.InvariantCulture,
                $"{scenario.Name}: scheduled {scenario.ScheduledArrivals} sent {t.Sent} ({t.SentPerSecond:0.0}/s) completed {t.Completed} " +
                $"ok {t.Ok} fail {t.Fail} ({t.FailPercent:0.##}%: {Codes(t)}, timeouts {t.Timeouts}, connection errors {t.ConnectionErrors}, dropped {t.Dropped}, errors {t.Errors})\n");
            text.Append(CultureInfo.InvariantCulture,
                $"  latency ms p50 {t.Latency.P50:0.##} p75 {t.Latency.P75:0.##} p95 {t.Latency.P95:0.##} p99 {t.Latency.P99:0.##} max {t.Latency.Max:0.##}; " +
                $"schedule lag ms p50 {t.ScheduleLag.P50:0.###} p99 {t.ScheduleLag.P99:0.###} max {t.ScheduleLag.Max:0.###}; peak in flight {scenario.PeakInFlight}");
            // The client's own connections (null for a client the caller owns): what the connection cap bounds.
            text.Append(CultureInfo.InvariantCulture, $"{(scenario.PeakConnections is { } connections ? $", peak connections {connections}" : "")}\n");
            foreach (var threshold in scenario.Thresholds)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"  threshold {threshold.Description}: {(threshold.Passed ? "passed" : "FAILED")} (final {threshold.FinalValue:0.###}, failed checks {threshold.FailedChecks})\n");
            }
        }

        text.Append(result.Passed ? "PASSED" : "FAILED: a threshold was not met")
            .Append(result.Cancelled ? " (cancelled early)" : "");
        return text.ToString();
    }

    internal static string Codes(StatsSnapshot stats) => stats.StatusCodes.Count == 0
        ? "-"
        : string.Join(' ', stats.StatusCodes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}:{c.Value}")));
}
