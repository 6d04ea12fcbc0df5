using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Soak;

/// <summary>SoakOptions is everything a soak run needs besides its targets; every value has its default.</summary>
public sealed record SoakOptions
{
    /// <summary>Requests per second per target. Default 1000; range 1 – 20000.</summary>
    public int Rate { get; init; } = LabDefaults.RatePerTarget;

    /// <summary>How long the load runs. Default 60 s; range 1 s – 24 h.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sampling before the load starts (the baseline phase). Default 10 s; range 0 – 10 min.</summary>
    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sampling after the load stops (the cooldown phase). Default 30 s; range 0 – 10 min.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between samples. Default 1 s; range 100 ms – 1 min.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The command after <c>--</c> (program and arguments) the lab launches as the one target; empty attaches to running targets. Default empty.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Memory limit of the launched command. Default 256 MiB; at least 16 MiB.</summary>
    public long MemoryLimitBytes { get; init; } = LabDefaults.MemoryLimitBytes;

    /// <summary>How the launched command dies when it runs out of memory (a .NET one). Default <see cref="OomMode.Kernel"/>.</summary>
    public OomMode Oom { get; init; } = OomMode.Kernel;

    /// <summary>Path on the target whose first non-5xx answer means the launched command is ready. Default the target URL itself.</summary>
    public string? ReadyPath { get; init; }

    /// <summary>Restart backoff of the launched command. Default <see cref="BackoffOptions.Compressed"/>.</summary>
    public BackoffOptions Backoff { get; init; } = BackoffOptions.Compressed;

    /// <summary>Thresholds of the verdict. Default <see cref="VerdictOptions"/>' defaults.</summary>
    public VerdictOptions Verdict { get; init; } = new();

    /// <summary>Returns a message a person can act on, or null when the options are valid.</summary>
    public string? Validate() =>
        Rate is < 1 or > 20_000 ? "--rate must be between 1 and 20000"
        : Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromHours(24) ? "--duration must be between 1s and 24h"
        : Baseline < TimeSpan.Zero || Baseline > TimeSpan.FromMinutes(10) ? "--baseline must be between 0s and 10m"
        : Cooldown < TimeSpan.Zero || Cooldown > TimeSpan.FromMinutes(10) ? "--cooldown must be between 0s and 10m"
        : SampleInterval < TimeSpan.FromMilliseconds(100) || SampleInterval > TimeSpan.FromMinutes(1) ? "sample interval must be between 100ms and 1m"
        : MemoryLimitBytes < 16L * 1024 * 1024 ? "--memory must be at least 16Mi"
        : ReadyPath is { } ready && !ready.StartsWith('/') ? $"--ready '{ready}' must be a path starting with '/', e.g. /healthz"
        : Backoff.Validate();
}
