namespace OrderLeakLab.OrderService.Metrics;

/// <summary>MemoryLimit is the limit the process runs under and where it comes from.</summary>
/// <param name="Bytes">The limit in bytes.</param>
/// <param name="Source"><c>cgroup-v1</c>, <c>cgroup-v2</c> or <c>gc</c> (GC heap limit or physical memory).</param>
public sealed record MemoryLimit(long Bytes, string Source);
