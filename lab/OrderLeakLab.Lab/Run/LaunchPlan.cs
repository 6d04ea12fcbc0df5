using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Run;

/// <summary>LaunchPlan says how the lab starts one target: the command, the memory limit it runs under, and when it counts as ready.</summary>
/// <param name="MemoryLimitBytes">The limit, enforced by a memory cgroup (or the GC heap hard limit without cgroup rights).</param>
/// <param name="Oom">How it dies when it runs out of memory (sets the GC heap hard limit of a .NET process).</param>
/// <param name="ReadyUrl">The load starts once this answers anything but a 5xx.</param>
/// <param name="Spec">Builds the command for the cgroup it will join (null without cgroup rights).</param>
public sealed record LaunchPlan(long MemoryLimitBytes, OomMode Oom, Uri ReadyUrl, Func<IMemoryCgroup?, LaunchSpec> Spec)
{
    /// <summary>The URL the liveness watchdog probes when there is one (<see cref="OomMode.Managed"/>, or no cgroup); default <see cref="ReadyUrl"/>.</summary>
    public Uri? LivenessUrl { get; init; }

    /// <summary>Restart backoff. Default <see cref="BackoffOptions.Compressed"/>.</summary>
    public BackoffOptions Backoff { get; init; } = BackoffOptions.Compressed;
}
