namespace OrderLeakLab.Inspect;

/// <summary>
/// InspectionException says, in one line a person can act on, why a process cannot be inspected
/// (no such process, not a .NET process, attach refused). The CLI prints the message and exits 2.
/// </summary>
public sealed class InspectionException(string message, Exception? inner = null) : Exception(message, inner);
