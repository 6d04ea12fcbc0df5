namespace OrderLeakLab.Inspect.Heap;

/// <summary>RetentionLink is one object on a retention path and the field through which it holds the next one.</summary>
/// <param name="Type">The object's type, short (<c>ConcurrentDictionary&lt;Int64, WorkerHandle&gt;</c> shown as <c>ConcurrentDictionary</c>).</param>
/// <param name="Field">The field (or <c>[]</c> for an array element) that references the next object; null for the last object.</param>
/// <param name="Note">What this link is when it matters: <c>CancellationToken registration</c>, <c>timer</c>, <c>event Changed (delegate)</c>, <c>thread-pool queue</c>, <c>DI container</c>; null otherwise.</param>
public sealed record RetentionLink(string Type, string? Field, string? Note);
