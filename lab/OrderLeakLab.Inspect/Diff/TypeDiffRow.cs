using OrderLeakLab.Inspect.Heap;

namespace OrderLeakLab.Inspect.Diff;

/// <summary>One type across the three type tables of <c>inspect --diff</c> (each counted after a full GC).</summary>
/// <param name="Type">The full type name.</param>
/// <param name="Application">Whether the type is the application's (see <see cref="HeapTypeStat.Application"/>); false for the
/// framework's own (runtime, ASP.NET Core, their caches and pools).</param>
/// <param name="Baseline">Instances and bytes before the load.</param>
/// <param name="AfterLoad">Instances and bytes after the load.</param>
/// <param name="AfterCooldown">Instances and bytes after the cooldown.</param>
public sealed record TypeDiffRow(string Type, bool Application, TypeCount Baseline, TypeCount AfterLoad, TypeCount AfterCooldown)
{
    /// <summary>The type name without namespaces or generic arguments.</summary>
    public string ShortName => Analysis.StateMachineNames.ShortType(Type);

    /// <summary>Instances still there after the cooldown that were not there before the load.</summary>
    public long CountKept => AfterCooldown.Count - Baseline.Count;

    /// <summary>Bytes still there after the cooldown that were not there before the load.</summary>
    public long BytesKept => AfterCooldown.Bytes - Baseline.Bytes;

    /// <summary>Grew under load and did not come back: more instances and bytes after the cooldown than before the load.</summary>
    public bool Retained => AfterLoad.Count > Baseline.Count && CountKept > 0 && BytesKept > 0;

    /// <summary>The types that grew and stayed, most bytes kept first.</summary>
    public static List<TypeDiffRow> GrewAndStayed(IReadOnlyList<HeapTypeStat> baseline, IReadOnlyList<HeapTypeStat> afterLoad, IReadOnlyList<HeapTypeStat> afterCooldown)
    {
        var before = baseline.ToDictionary(t => t.Type, StringComparer.Ordinal);
        var load = afterLoad.ToDictionary(t => t.Type, StringComparer.Ordinal);
        return afterCooldown
            .Select(t => new TypeDiffRow(t.Type, t.Application, CountOf(before, t.Type), CountOf(load, t.Type), new TypeCount(t.Count, t.Bytes)))
            .Where(r => r.Retained)
            .OrderByDescending(r => r.BytesKept)
            .ThenBy(r => r.Type, StringComparer.Ordinal)
            .ToList();
    }

    private static TypeCount CountOf(Dictionary<string, HeapTypeStat> table, string type) =>
        table.TryGetValue(type, out var t) ? new TypeCount(t.Count, t.Bytes) : new TypeCount(0, 0);
}

/// <summary>Instances of a type and their shallow bytes at one look.</summary>
/// <param name="Count">Instances.</param>
/// <param name="Bytes">Shallow bytes.</param>
public sealed record TypeCount(long Count, long Bytes);
