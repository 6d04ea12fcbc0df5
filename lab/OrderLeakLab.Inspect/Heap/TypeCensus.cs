using Microsoft.Diagnostics.Runtime;
using OrderLeakLab.Inspect.Analysis;

namespace OrderLeakLab.Inspect.Heap;

/// <summary>Counts objects and bytes per type during the one heap walk; free space is skipped.</summary>
internal sealed class TypeCensus
{
    private readonly Dictionary<ulong, (ClrType Type, long Count, long Bytes)> _byMethodTable = [];

    public void Add(ClrObject obj)
    {
        if (obj.Type is not { IsFree: false } type)
        {
            return;
        }

        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byMethodTable, type.MethodTable, out var exists);
        entry = exists ? (entry.Type, entry.Count + 1, entry.Bytes + (long)obj.Size) : (type, 1, (long)obj.Size);
    }

    /// <summary>Every type seen, most bytes first.</summary>
    public List<HeapTypeStat> ToStats() =>
        _byMethodTable.Values
            .GroupBy(v => v.Type.Name ?? "?")
            .Select(g => new HeapTypeStat(g.Key, g.Sum(v => v.Count), g.Sum(v => v.Bytes), CodeOrigin.MentionsApplication(g.Key)))
            .OrderByDescending(s => s.Bytes)
            .ThenBy(s => s.Type, StringComparer.Ordinal)
            .ToList();

    /// <summary>The method tables of the named types (a name can have several, e.g. one per load context).</summary>
    public HashSet<ulong> MethodTablesOf(IEnumerable<string> typeNames)
    {
        var names = typeNames.ToHashSet(StringComparer.Ordinal);
        return _byMethodTable.Where(kv => names.Contains(kv.Value.Type.Name ?? "")).Select(kv => kv.Key).ToHashSet();
    }
}
