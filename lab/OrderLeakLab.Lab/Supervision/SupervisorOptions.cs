namespace OrderLeakLab.Lab.Supervision;

/// <summary>SupervisorOptions configure restarts and the liveness watchdog of one supervised variant.</summary>
public sealed record SupervisorOptions
{
    /// <summary>Restart backoff. Default: <see cref="BackoffOptions.Compressed"/>.</summary>
    public BackoffOptions Backoff { get; init; } = BackoffOptions.Compressed;

    /// <summary>Liveness URL (<c>/healthz</c>) the watchdog probes; null disables the watchdog (default).</summary>
    public Uri? LivenessUrl { get; init; }

    /// <summary>How often the watchdog probes. Default 1 s.</summary>
    public TimeSpan ProbePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe may take. Default 2 s.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed probes, after the first success, that get the process killed. Default 5, at least 1.</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long a stop waits for the process to be gone after SIGKILL. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
