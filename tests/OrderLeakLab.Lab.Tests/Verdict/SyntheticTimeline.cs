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
}
