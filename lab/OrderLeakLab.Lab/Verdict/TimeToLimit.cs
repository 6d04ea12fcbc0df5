using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// TimeToLimit sets the slope's projection to the memory limit beside what happened: the lifetimes under load of the
/// incarnations that ended for memory. When the two disagree by more than <see cref="Tolerance"/> the observed median
/// wins and the sentence says so — a projection the run itself contradicts is not evidence.
/// </summary>
public static class TimeToLimit
{
    /// <summary>Largest relative difference between projection and observed median that still counts as agreement (30%).</summary>
    public const double Tolerance = 0.3;

    /// <summary>
    /// Lifetimes under load of incarnations that ended for memory during the load: from the later of their start and
    /// the load's start, to their exit.
    /// </summary>
    public static IReadOnlyList<TimeSpan> Observed(IReadOnlyList<ExitRecord> exits, RunPhases phases) =>
        exits.Where(e => e.Reason is ExitReason.OomKilled or ExitReason.OutOfMemoryException
                && e.Elapsed > phases.LoadStart && e.Elapsed <= phases.LoadEnd + TimeSpan.FromSeconds(1))
            .Select(e => e.Elapsed - Max(e.Elapsed - e.Uptime, phases.LoadStart))
            .ToList();

    /// <summary>
    /// The time to limit to report and its sentence: the projection alone when nothing died for memory; with observed
    /// lifetimes, both side by side, and the observed median when they disagree by more than 30%.
    /// </summary>
    public static (TimeSpan? Value, string Basis, string? Text) Judge(TimeSpan? projected, long? limitBytes, IReadOnlyList<TimeSpan> observed)
    {
        var limit = limitBytes is > 0 ? ByteFormat.Human(limitBytes) + " " : "";
        if (observed.Count == 0)
        {
            return projected is null
                ? (null, "none", null)
                : (projected, "slope", Invariant($"at that rate the {limit}limit is reached {DurationFormat.Human(projected)} after a (re)start"));
        }

        var median = TimeSpan.FromSeconds(TheilSen.Median(observed.Select(o => o.TotalSeconds).ToList()));
        var lived = Invariant($"observed lifetimes under load before the {limit}limit: {Range(observed)} (median {DurationFormat.Human(median)}, {observed.Count} memory exit(s))");
        if (projected is not { } p)
        {
            return (median, "observed", lived);
        }

        var off = Math.Abs(p.TotalSeconds - median.TotalSeconds) / Math.Max(1, median.TotalSeconds);
        return off <= Tolerance
            ? (p, "slope", Invariant($"{lived}; the slope projects {DurationFormat.Human(p)}, which agrees"))
            : (median, "observed", Invariant($"{lived}; the slope projects {DurationFormat.Human(p)}, {off:0%} off, so the observed median is the time to limit"));
    }

    private static string Range(IReadOnlyList<TimeSpan> observed)
    {
        var (min, max) = (observed.Min(), observed.Max());
        return observed.Count == 1 || Math.Round(min.TotalSeconds) == Math.Round(max.TotalSeconds)
            ? DurationFormat.Human(min)
            : max.TotalSeconds < 120 ? Invariant($"{min.TotalSeconds:0}–{max.TotalSeconds:0} s") : $"{DurationFormat.Human(min)} – {DurationFormat.Human(max)}";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
