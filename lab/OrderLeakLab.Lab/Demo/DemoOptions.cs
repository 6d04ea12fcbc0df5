using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Demo;

/// <summary>DemoOptions is everything <c>leaklab demo</c> can be told; every value has the README's default.</summary>
public sealed record DemoOptions
{
    /// <summary>How long the load runs. Default 3 min; range 5 s – 24 h.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Requests per second per variant. Default 1000; range 1 – 20000.</summary>
    public int Rate { get; init; } = LabDefaults.RatePerTarget;

    /// <summary>Memory limit per variant. Default 256 MiB; at least 64 MiB (the runtime needs room to start).</summary>
    public long MemoryLimitBytes { get; init; } = LabDefaults.MemoryLimitBytes;

    /// <summary>How a variant that runs out of memory dies. Default <see cref="OomMode.Kernel"/>.</summary>
    public OomMode Oom { get; init; } = OomMode.Kernel;

    /// <summary>Restart backoff. Default <see cref="BackoffOptions.Compressed"/>.</summary>
    public BackoffOptions Backoff { get; init; } = BackoffOptions.Compressed;

    /// <summary>Report folder. Default <c>artifacts/demo</c> under the current directory.</summary>
    public string ReportDirectory { get; init; } = Path.Combine("artifacts", "demo");

    /// <summary>The verdicts that make the run succeed. Default <c>leaky=leak,fixed=flat</c>.</summary>
    public IReadOnlyList<Expectation> Expect { get; init; } = Expectation.ParseList("leaky=leak,fixed=flat");

    /// <summary>The order service dll; null finds the one built beside the lab (see <see cref="ServiceLocator"/>).</summary>
    public string? ServiceDll { get; init; }

    /// <summary>Sampling before the load starts. Default 10 s; range 0 – 10 min.</summary>
    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The load rises linearly to <see cref="Rate"/> over this first part of <see cref="Duration"/>. Default 10 s (the verdict's warm-up); range 0 – half the duration.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The ramp-up used when none is given: 10 s, or half of a shorter <paramref name="duration"/>.</summary>
    public static TimeSpan DefaultRampUpFor(TimeSpan duration) =>
        duration / 2 < TimeSpan.FromSeconds(10) ? duration / 2 : TimeSpan.FromSeconds(10);

    /// <summary>Sampling after the load stops (a full GC is requested at its start). Default 20 s; range 0 – 10 min.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether to inspect where the workers are parked when a variant's memory first reaches <see cref="InspectAtPercent"/> of its limit (see <see cref="LeakSiteProbe"/>). Default true; <c>--no-inspect</c> turns it off.</summary>
    public bool Inspect { get; init; } = true;

    /// <summary>Memory (cgroup usage, or RSS without a cgroup), in percent of the limit, at which the one inspection is taken. Default 80; range 50 – 99.</summary>
    public int InspectAtPercent { get; init; } = 80;

    /// <summary>
    /// The leak pattern both variants run (<c>Orders__Leak</c>): one of <see cref="LeakPatterns.Names"/>, or
    /// <see cref="LeakPatterns.All"/> for one demo per pattern. Default <c>blocked-send</c>, the incident.
    /// </summary>
    public string Leak { get; init; } = LeakPatterns.Default;

    /// <summary>Whether to draw the live view; false prints plain periodic lines. Default: when stdout is a terminal.</summary>
    public bool Live { get; init; } = !Console.IsOutputRedirected;

    /// <summary>Returns a message a person can act on, or null when the options are valid.</summary>
    public string? Validate() =>
        Duration < TimeSpan.FromSeconds(5) || Duration > TimeSpan.FromHours(24) ? "--duration must be between 5s and 24h"
        : Rate is < 1 or > 20_000 ? "--rate must be between 1 and 20000"
        : MemoryLimitBytes < 64L * 1024 * 1024 ? "--memory must be at least 64Mi (the runtime needs room to start)"
        : Baseline < TimeSpan.Zero || Baseline > TimeSpan.FromMinutes(10) ? "--baseline must be between 0s and 10m"
        : RampUp < TimeSpan.Zero || RampUp > Duration / 2 ? "--ramp-up must be between 0s and half of --duration"
        : Cooldown < TimeSpan.Zero || Cooldown > TimeSpan.FromMinutes(10) ? "--cooldown must be between 0s and 10m"
        : InspectAtPercent is < 50 or > 99 ? "--inspect-at must be between 50 and 99 (percent of the memory limit)"
        : LeakPatterns.Select(Leak) is null ? LeakPatterns.Problem(Leak)
        : ServiceDll is { } dll && !File.Exists(dll) ? $"--service-dll: '{dll}' does not exist"
        : Backoff.Validate();
}
