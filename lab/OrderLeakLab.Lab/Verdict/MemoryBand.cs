using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// MemoryBand is the range a target's memory kept under load once warmed up: what "flat" looked like. It is given only
/// for a target that was not restarted — across a restart the range runs from an emptied cgroup to the limit, which
/// says nothing about steadiness.
/// </summary>
/// <param name="MinBytes">Lowest sample.</param>
/// <param name="MaxBytes">Highest sample.</param>
/// <param name="MedianBytes">Median sample.</param>
/// <param name="DeviationPercent">Largest distance of a sample from the median, in percent of the median.</param>
/// <param name="WarmUp">Time after the load began that is left out (the heap growing to its working size).</param>
public sealed record MemoryBand(long MinBytes, long MaxBytes, long MedianBytes, double DeviationPercent, TimeSpan WarmUp)
{
    /// <summary>The load time left out at its start: 20 s.</summary>
    public static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(20);

    /// <summary>The band of <paramref name="memoryOf"/> over the load phase after <see cref="DefaultWarmUp"/>; null when no sample falls there.</summary>
    public static MemoryBand? Of(IEnumerable<TargetSample> samples, RunPhases phases, Func<TargetSample, long?> memoryOf)
    {
        var from = phases.LoadStart + DefaultWarmUp;
        var values = samples
            .Where(s => s.Elapsed >= from && s.Elapsed <= phases.LoadEnd)
            .Select(memoryOf).OfType<long>().Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        var median = values[values.Length / 2];
        var deviation = median > 0 ? 100d * Math.Max(median - values[0], values[^1] - median) / median : 0;
        return new MemoryBand(values[0], values[^1], median, deviation, DefaultWarmUp);
    }

    /// <summary>The evidence sentence, e.g. <c>working set under load after 20s warm-up: 120–140 MiB, median 131 MiB, within ±8.4%</c>.</summary>
    public string Describe(string memoryName) => Invariant(
        $"{memoryName} under load after {WarmUp.TotalSeconds:0}s warm-up: {MinBytes / 1048576d:0}–{MaxBytes / 1048576d:0} MiB, median {MedianBytes / 1048576d:0} MiB, within ±{DeviationPercent:0.0}%");
}
