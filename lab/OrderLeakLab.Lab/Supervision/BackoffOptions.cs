namespace OrderLeakLab.Lab.Supervision;

/// <summary>BackoffOptions shape the restart delay after each exit, as the kubelet's CrashLoopBackOff does.</summary>
/// <param name="Initial">Delay after the first exit. Must be positive.</param>
/// <param name="Max">The delay doubles after each exit up to this cap. At least <paramref name="Initial"/>.</param>
/// <param name="ResetAfter">An incarnation that ran this long before exiting resets the delay to <paramref name="Initial"/>.</param>
public sealed record BackoffOptions(TimeSpan Initial, TimeSpan Max, TimeSpan ResetAfter)
{
    /// <summary>The kubelet's schedule: 10 s doubling to 5 min, reset after 10 min running.</summary>
    public static BackoffOptions Kubernetes { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    /// <summary>The demo's default, the kubelet's schedule ten times faster: 1 s doubling to 30 s, reset after 60 s running.</summary>
    public static BackoffOptions Compressed { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>Returns a message a person can act on, or null when the options are valid.</summary>
    public string? Validate() =>
        Initial <= TimeSpan.Zero ? "backoff: Initial must be positive"
        : Max < Initial ? "backoff: Max must be at least Initial"
        : ResetAfter <= TimeSpan.Zero ? "backoff: ResetAfter must be positive"
        : null;
}
