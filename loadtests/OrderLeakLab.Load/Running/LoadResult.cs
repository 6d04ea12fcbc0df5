namespace OrderLeakLab.Load.Running;

/// <summary>The outcome of a load run: one <see cref="ScenarioResult"/> per scenario.</summary>
public sealed record LoadResult
{
    /// <summary>Wall-clock start of the run.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the run took, drain included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>True when the caller's token stopped the run early.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>Per-scenario results, in the order the scenarios were given.</summary>
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>True when every scenario's thresholds held.</summary>
    public bool Passed => Scenarios.All(s => s.Passed);

    /// <summary>0 when <see cref="Passed"/>, 1 when a threshold failed (DESIGN §3 exit codes).</summary>
    public int ExitCode => Passed ? 0 : 1;

    /// <summary>The result for scenario <paramref name="name"/>.</summary>
    public ScenarioResult this[string name] => Scenarios.Single(s => s.Name == name);
}
