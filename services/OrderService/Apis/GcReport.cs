namespace OrderLeakLab.OrderService.Apis;

/// <summary>GcReport is the answer of <c>POST /debug/gc</c>.</summary>
/// <param name="HeapBytesBefore">Managed heap bytes (<see cref="GC.GetTotalMemory(bool)"/>) before collecting.</param>
/// <param name="HeapBytesAfter">Managed heap bytes after a full blocking compacting collection.</param>
/// <param name="WorkersInFlight">Workers in flight after the collection.</param>
/// <param name="Gen2Collections">Gen 2 collections so far.</param>
/// <param name="ActiveTimers">Timers still scheduled after the collection (<see cref="Timer.ActiveCount"/>): a leaked timer is rooted by the timer queue.</param>
/// <param name="ThreadPoolThreads">Thread-pool threads (<see cref="ThreadPool.ThreadCount"/>).</param>
public sealed record GcReport(long HeapBytesBefore, long HeapBytesAfter, int WorkersInFlight, int Gen2Collections, long ActiveTimers, int ThreadPoolThreads);
