using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// TargetPlan is one target of a run: where the load goes and where its figures come from. It is either
/// <em>launched</em> (<see cref="Launch"/> set: the lab starts it under a memory limit and supervises it) or
/// <em>attached</em> (the lab only loads and samples a service that runs already).
/// </summary>
/// <param name="Name">The name in output, the report and <c>--expect</c>.</param>
/// <param name="Url">The base URL the load plan's paths are relative to; loopback only.</param>
public sealed record TargetPlan(string Name, Uri Url)
{
    /// <summary>How to start and supervise it; null for an attached target.</summary>
    public LaunchPlan? Launch { get; init; }

    /// <summary>Its Prometheus page, read each tick; null when it has none (a launched target is then read from /proc, cgroup and EventPipe).</summary>
    public Uri? MetricsUrl { get; init; }

    /// <summary>For an attached target: where its figures come from when that is not <see cref="MetricsUrl"/> (e.g. <c>--pid</c>).</summary>
    public ISampleSource? Source { get; init; }

    /// <summary>For an attached .NET process given by pid: the pid, for the heap evidence (full GC over EventPipe).</summary>
    public int? Pid { get; init; }

    /// <summary>Its admin listener, when it has one (the order service's <c>/debug/gc</c>, asked for a full GC when the load stops).</summary>
    public Uri? AdminUrl { get; init; }
}
