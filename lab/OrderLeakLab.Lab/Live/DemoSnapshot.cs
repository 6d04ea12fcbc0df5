using OrderLeakLab.Lab.Run;

namespace OrderLeakLab.Lab.Live;

/// <summary>DemoSnapshot is what a view draws each second.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Phase">"starting", "baseline", "load 42s/3m", "cooldown", "stopping".</param>
/// <param name="LimitBytes">The memory limit of each variant.</param>
/// <param name="Variants">The variants, in display order.</param>
public sealed record DemoSnapshot(TimeSpan Elapsed, string Phase, long LimitBytes, IReadOnlyList<RunTarget> Variants);
