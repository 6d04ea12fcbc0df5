namespace OrderLeakLab.OrderService.Apis;

/// <summary>GcReport is the answer of <c>POST /debug/gc</c>.</summary>
/// <param name="HeapBytesBefore">Managed heap bytes (<see cref="GC.GetTotalMemory(bool)"/>) before collecting.</param>
/// <param name="HeapBytesAfter">Managed heap bytes after a full blocking compacting collection.</param>
/// <param name="WorkersInFlight">Workers in flight after the collection.</param>
/// <param name="Gen2Collections">Gen 2 collections so far.</param>
public sealed record GcReport(long HeapBytesBefore, long HeapBytesAfter, int WorkersInFlight, int Gen2Collections);
