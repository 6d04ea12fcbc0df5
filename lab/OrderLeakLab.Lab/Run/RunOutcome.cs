namespace OrderLeakLab.Lab.Run;

/// <summary>RunOutcome is how a run went, on its own clock: when it started, where the phases fell, and whether it ended early.</summary>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="LoadStart">When the load began, if it did.</param>
/// <param name="LoadEnd">When the load stopped, if it ran to its end.</param>
/// <param name="End">When sampling stopped.</param>
/// <param name="Partial">Null for a complete run; otherwise why it ended early.</param>
/// <param name="InterruptedBy">"Ctrl-C" or "SIGTERM" when a signal ended it.</param>
public sealed record RunOutcome(DateTimeOffset StartedAt, TimeSpan? LoadStart, TimeSpan? LoadEnd, TimeSpan End, string? Partial, string? InterruptedBy);
