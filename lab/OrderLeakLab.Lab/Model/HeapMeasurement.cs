namespace OrderLeakLab.Lab.Model;

/// <summary>HeapMeasurement is the managed heap of one .NET target right after a full blocking GC the lab induced.</summary>
/// <param name="Elapsed">Run time of the GC.</param>
/// <param name="Pid">The process collected (a launched target may have restarted between two measurements).</param>
/// <param name="HeapBytes">Bytes that survived the GC in every generation and the large and pinned object heaps, as the runtime reported.</param>
public sealed record HeapMeasurement(TimeSpan Elapsed, int Pid, long HeapBytes);
