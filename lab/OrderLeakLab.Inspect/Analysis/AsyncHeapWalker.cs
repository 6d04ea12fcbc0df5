using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// Walks the whole heap once, reads every pending async state machine box, then groups them (method, state,
/// awaited type) and follows each leaf's callers to build coalesced async chains.
/// </summary>
internal static class AsyncHeapWalker
{
    public static (long Pending, IReadOnlyList<AsyncGroup> Groups, IReadOnlyList<AsyncChain> Chains) Walk(
        ClrRuntime runtime, int maxChainDepth, Heap.TypeCensus? census, CancellationToken cancellationToken)
    {
        var heap = runtime.Heap;
        var catalog = new BoxTypeCatalog();
        var reader = new AsyncBoxReader(heap, catalog);
        var boxes = new Dictionary<ulong, AsyncBox>();
        var seen = 0;
        // Carefully: a process suspended under load can be mid-allocation, leaving a region the walk cannot
        // type ("object … is corrupted"); skip it rather than fail the whole snapshot.
        foreach (var obj in heap.EnumerateObjects(carefully: true))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!obj.IsValid)
            {
                continue;
            }

            census?.Add(obj);
            if (catalog.KindOf(obj.Type) is { } kind && reader.Read(obj, kind) is { } box)
            {
                boxes[box.Address] = box;
            }
        }

        return (boxes.Count, Group(boxes.Values), Chains(boxes, maxChainDepth));
    }

    private static List<AsyncGroup> Group(IEnumerable<AsyncBox> boxes) =>
        boxes.GroupBy(b => (b.Method, b.State, b.Awaiting, b.AwaitsAsyncMethod, b.BoxKind))
            .Select(g => new AsyncGroup(g.Key.Method, g.Key.State, g.Key.Awaiting, g.Key.AwaitsAsyncMethod, g.Key.BoxKind,
                g.LongCount(), g.Sum(b => b.Bytes))
            {
                StandingWork = g.First().StandingWork,
                AwaitsApplicationMethod = g.First().AwaitsApplicationMethod,
                SampleAddress = g.First().Address,
            })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.AwaitsAsyncMethod)
            .ThenByDescending(g => g.Bytes)
            .ToList();

    private static List<AsyncChain> Chains(Dictionary<ulong, AsyncBox> boxes, int maxDepth)
    {
        // Caller of a box: the box whose awaiter holds it, else the box stored as its continuation.
        var awaitedBy = new Dictionary<ulong, ulong>();
        foreach (var b in boxes.Values.Where(b => b.AwaitsAsyncMethod))
        {
            awaitedBy.TryAdd(b.AwaitedAddress, b.Address);
        }

        var counts = new Dictionary<string, (List<string> Frames, string Awaiting, long Count)>();
        foreach (var leaf in boxes.Values.Where(b => !b.AwaitsAsyncMethod))
        {
            var frames = new List<string> { leaf.Method };
            var current = leaf;
            var visited = new HashSet<ulong> { leaf.Address };
            while (frames.Count < maxDepth && Caller(current, awaitedBy, boxes) is { } caller && visited.Add(caller.Address))
            {
                frames.Add(caller.Method);
                current = caller;
            }

            var key = leaf.Awaiting + "|" + string.Join('|', frames);
            counts[key] = counts.TryGetValue(key, out var entry) ? entry with { Count = entry.Count + 1 } : (frames, leaf.Awaiting, 1);
        }

        return counts.Values.OrderByDescending(c => c.Count).Select(c => new AsyncChain(c.Frames, c.Awaiting, c.Count)).ToList();
    }

    private static AsyncBox? Caller(AsyncBox box, Dictionary<ulong, ulong> awaitedBy, Dictionary<ulong, AsyncBox> boxes) =>
        awaitedBy.TryGetValue(box.Address, out var caller) && boxes.TryGetValue(caller, out var viaAwaiter) ? viaAwaiter
        : box.ContinuationAddress != 0 && boxes.TryGetValue(box.ContinuationAddress, out var viaContinuation) ? viaContinuation
        : null;
}
