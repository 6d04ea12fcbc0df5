namespace OrderLeakLab.Inspect;

/// <summary>The leak sites that are not parked methods or blocked threads: timers and token registrations.</summary>
public sealed partial record InspectionReport
{
    /// <summary>
    /// Fewest periodic timers in one group for a single look to call it a leak site. 100: a service runs a handful of
    /// periodic timers; per-request ones are one-shot (deadlines, delays) and are not counted.
    /// </summary>
    public const int LargeTimerGroup = 100;

    /// <summary>Fewest registrations on one token source for a single look to call it a leak site. 1000.</summary>
    public const int LargeRegistrationGroup = 1000;

    /// <summary>Scheduled timers grouped by callback, state type and period, largest first.</summary>
    public IReadOnlyList<TimerGroup> TimerGroups { get; init; } = [];

    /// <summary>Cancellation token sources with at least 100 registrations, most first.</summary>
    public IReadOnlyList<TokenRegistrationGroup> TokenRegistrations { get; init; } = [];

    /// <summary>The timer or registration site, when no parked method or blocked thread is headlined: the larger relative to its threshold.</summary>
    private string? OtherSiteSummary()
    {
        var timers = TimerGroups.Where(g => g.Count >= LargeTimerGroup && g.PeriodMs is not null).MaxBy(g => g.Count);
        var tokens = TokenRegistrations.Where(r => r.Registrations >= LargeRegistrationGroup).MaxBy(r => r.Registrations);
        return (timers, tokens) switch
        {
            ({ } t, { } r) => t.Count >= r.Registrations ? t.Describe() : r.Describe(),
            ({ } t, null) => t.Describe(),
            (null, { } r) => r.Describe(),
            _ => null,
        };
    }
}
