using System.Globalization;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// RestartDetector sees a restart of a service the lab did not start (a container with <c>restart: always</c>, a
/// pod) from the service's own metrics: <c>process_start_time_seconds</c> changes. Why it ended is not in /metrics;
/// when the last working set seen was within 10% of the memory limit the exit is recorded as an OOM-kill,
/// marked as inferred, else as a crash.
/// </summary>
public sealed class RestartDetector
{
    private const double NearLimit = 0.9;
    private readonly List<ExitRecord> exits = [];
    private double? lastStart;

    /// <summary>The restarts seen so far, in time order.</summary>
    public IReadOnlyList<ExitRecord> Exits => exits;

    /// <summary>
    /// Looks at one reading taken at <paramref name="elapsed"/> into the run, which was <paramref name="sampledAt"/> on
    /// the wall clock (the service's start time is a wall-clock time); <paramref name="before"/> are the samples so far.
    /// </summary>
    public void Observe(MetricsReading reading, TimeSpan elapsed, DateTimeOffset sampledAt, IReadOnlyList<TargetSample> before)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(before);
        if (!reading.Up || reading.StartTimeSeconds is not { } start)
        {
            return;
        }

        if (lastStart is { } previous && Math.Abs(start - previous) >= 1)
        {
            var previousElapsed = before.Count > 0 ? before[^1].Elapsed : TimeSpan.Zero;
            var at = elapsed - TimeSpan.FromSeconds(sampledAt.ToUnixTimeMilliseconds() / 1000.0 - start);
            at = at < previousElapsed ? previousElapsed : at > elapsed ? elapsed : at;
            var last = before.LastOrDefault(s => s.Up && s.RssBytes is not null);
            var limit = last?.LimitBytes;
            var oom = last?.RssBytes is { } rss && limit is > 0 && rss >= NearLimit * limit.Value;
            var detail = oom
                ? string.Create(CultureInfo.InvariantCulture, $"new process (process_start_time_seconds changed); inferred OOM: working set {ByteFormat.Human(last!.RssBytes)} of the {ByteFormat.Human(limit)} limit just before")
                : "new process (process_start_time_seconds changed); the cause is not visible in /metrics";
            exits.Add(new ExitRecord(at, null, oom ? ExitReason.OomKilled : ExitReason.Crash, detail, TimeSpan.FromSeconds(Math.Max(0, start - previous))));
        }

        lastStart = start;
    }
}
