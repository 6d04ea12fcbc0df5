namespace OrderLeakLab.Inspect.Targets;

/// <summary>GcHeapAfter is the managed heap right after a full GC, as the runtime reported it.</summary>
/// <param name="LiveBytes">Bytes that survived the GC, all generations and the large and pinned object heaps: what the heap still holds.</param>
/// <param name="HeapBytes">The heap's size, which also counts free space the GC kept.</param>
public sealed record GcHeapAfter(long LiveBytes, long HeapBytes);
