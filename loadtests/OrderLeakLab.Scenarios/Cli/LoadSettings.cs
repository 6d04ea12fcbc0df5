using OrderLeakLab.Load.Requests;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Scenarios.Cli;

/// <summary>LoadSettings is a validated command line: what to load, how hard, for how long, where to report.</summary>
public sealed record LoadSettings
{
    /// <summary>The targets, one scenario each, names unique.</summary>
    public required IReadOnlyList<TargetSpec> Targets { get; init; }

    /// <summary>Requests per second per target.</summary>
    public required double Rate { get; init; }

    /// <summary>How long to send.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Folder for load-report.json / load-report.md, or null for none.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>The request mix to send; empty sends the order scenario (<c>POST /orders</c>).</summary>
    public IReadOnlyList<RequestTemplate> Requests { get; init; } = [];

    /// <summary>Seed for the generated orders and the request mix's order.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Thresholds with the scenario they apply to (null = every scenario).</summary>
    public IReadOnlyList<(string? Scenario, Threshold Threshold)> Thresholds { get; init; } = [];

    /// <summary>Connections per target.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>Most requests in flight per target; arrivals beyond it are counted as dropped.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
