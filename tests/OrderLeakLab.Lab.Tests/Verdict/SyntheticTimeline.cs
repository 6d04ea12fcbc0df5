using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Tests.Verdict;

/// <summary>Builds one-sample-per-second timelines from formulas, with deterministic noise.</summary>
internal static class SyntheticTimeline
{
    public const double MiB = 1024 * 1024;

    /// <summary>Baseline 0–10 s, load 10–70 s, cooldown 70–100 s.</summary>
    public static RunPhases Phases { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(100));

    public static TargetTimeline Build(
        string name,
        Func<int, (double? RssMiB, long? Workers)> at,
        IReadOnlyList<ExitRecord>? exits = null,
        double noiseMiB = 2,
        long? limitBytes = null,
        int seconds = 100)
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, seconds + 1).Select(t =>
        {
            var (rss, workers) = at(t);
            var up = rss is not null;
            var loaded = t >= Phases.LoadStart.TotalSeconds && t < Phases.LoadEnd.TotalSeconds;
            return new TargetSample(
                TimeSpan.FromSeconds(t), up,
                rss is { } r ? (long)((r + ((random.NextDouble() - 0.5) * 2 * noiseMiB)) * MiB) : null,
                up ? limitBytes : null, up ? workers : null, null, null,
                loaded ? 100 : 0, loaded ? 60 : 0, loaded ? 40 : 0, 0, loaded ? 500 : null);
        }).ToList();
        return new TargetTimeline(name, limitBytes, samples, exits ?? []);
    }

    /// <summary>
    /// An OOM loop: RSS climbs <paramref name="mibPerSecond"/> from 80 MiB under load to the 256 MiB limit, the
    /// process is OOM-killed, is down 2 s, restarts at 80 MiB; workers climb 600/s per incarnation.
    /// </summary>
    public static TargetTimeline Sawtooth(string name, double mibPerSecond)
    {
        var exits = new List<ExitRecord>();
        var starts = new List<int> { 0 };
        for (var t = 10; t < 70; t++)
        {
            if (80 + (mibPerSecond * (t - Math.Max(10, starts[^1]))) >= 256)
            {
                exits.Add(new ExitRecord(TimeSpan.FromSeconds(t), 137, ExitReason.OomKilled, "exit 137, oom_kill +1", TimeSpan.FromSeconds(t - starts[^1])));
                starts.Add(t + 2);
            }
        }

        return Build(name, t =>
        {
            if (exits.Any(e => t >= e.Elapsed.TotalSeconds && t < e.Elapsed.TotalSeconds + 2))
            {
                return (null, null);
            }

            var start = starts.Last(s => s <= t);
            var since = t < 10 ? 0 : t - Math.Max(10, start);
            since = t >= 70 ? 70 - Math.Max(10, start) : since;
            return (80 + (mibPerSecond * since), 600L * since);
        }, exits, limitBytes: 256L << 20);
    }
}
