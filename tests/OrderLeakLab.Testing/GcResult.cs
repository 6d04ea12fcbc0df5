namespace OrderLeakLab.Testing;

/// <summary>GcResult is the JSON of <c>POST /debug/gc</c>.</summary>
public sealed record GcResult(long HeapBytesBefore, long HeapBytesAfter, int WorkersInFlight, int Gen2Collections, long ActiveTimers, int ThreadPoolThreads);
