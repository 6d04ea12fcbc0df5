namespace OrderLeakLab.Inspect;

/// <summary>What one <c>leaklab inspect</c> invocation asked for, after argument validation.</summary>
internal sealed record InspectRequest(int Pid, bool Json, bool Diff, TimeSpan Interval, InspectOptions Options);
