using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Thresholds;

/// <summary>Remembers how one threshold fared over the checks during a run.</summary>
internal sealed class ThresholdTracker(Threshold threshold)
{
    private TimeSpan? _firstFailedAt;
    private int _failedChecks;

    public Threshold Threshold { get; } = threshold;

    /// <summary>Checks the cumulative stats at <paramref name="elapsed"/>; returns false when the check ran and failed.</summary>
    public bool CheckDuring(TimeSpan elapsed, StatsSnapshot total)
    {
        if (elapsed < Threshold.StartCheckAfter || Threshold.IsMet(total, out _))
        {
            return true;
        }

        _firstFailedAt ??= elapsed;
        _failedChecks++;
        return false;
    }

    public ThresholdResult Finish(StatsSnapshot final)
    {
        var metAtEnd = Threshold.IsMet(final, out var value);
        return new ThresholdResult(Threshold.Description, metAtEnd && _failedChecks == 0, value, Threshold.Limit,
            !metAtEnd, _firstFailedAt, _failedChecks);
    }
}
