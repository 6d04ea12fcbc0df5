namespace OrderLeakLab.Lab.Run;

/// <summary>
/// SampleSchedule says when the next sample is due on the run's clock: every interval from the start, and — once the
/// load has started — half an interval after each of the load engine's interval boundaries, so each sample collects
/// exactly one closed interval instead of racing it (which reads as 0, then 2, per second).
/// </summary>
public sealed class SampleSchedule(TimeSpan interval)
{
    private TimeSpan _anchor;
    private TimeSpan? _last;

    /// <summary>The time between samples.</summary>
    public TimeSpan Interval => interval;

    /// <summary>Re-phases the schedule on the load's start (its engine closes intervals every <see cref="Interval"/> from there).</summary>
    public void AlignTo(TimeSpan loadStart) => _anchor = loadStart + (interval / 2);

    /// <summary>The due time <see cref="Next"/> would return after <paramref name="now"/>, without taking it.</summary>
    public TimeSpan Peek(TimeSpan now)
    {
        var last = _last;
        var next = Next(now);
        _last = last;
        return next;
    }

    /// <summary>The first due time at or after <paramref name="now"/> and after the previous one returned.</summary>
    public TimeSpan Next(TimeSpan now)
    {
        var from = _last is { } last && last >= now ? last + TimeSpan.FromTicks(1) : now;
        var steps = Math.Ceiling((from - _anchor).Ticks / (double)interval.Ticks);
        var due = _anchor + (interval * steps);
        _last = due;
        return due;
    }
}
