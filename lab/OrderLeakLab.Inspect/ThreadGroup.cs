namespace OrderLeakLab.Inspect;

/// <summary>ThreadGroup is a set of managed threads with an identical managed stack (blocked threads are the other kind of leak).</summary>
/// <param name="Frames">Managed frames, innermost first, as <c>Type.Method</c>.</param>
/// <param name="Count">Threads with exactly this stack.</param>
/// <param name="ManagedThreadIds">Their managed thread ids (at most 20 listed).</param>
public sealed record ThreadGroup(IReadOnlyList<string> Frames, int Count, IReadOnlyList<int> ManagedThreadIds);
