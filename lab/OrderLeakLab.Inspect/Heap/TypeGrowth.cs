namespace OrderLeakLab.Inspect.Heap;

/// <summary>TypeGrowth is one type compared between an earlier look and this one.</summary>
/// <param name="Type">The full type name.</param>
/// <param name="Application">Whether the type is the application's (see <see cref="HeapTypeStat.Application"/>).</param>
/// <param name="BaselineCount">Instances at the earlier look.</param>
/// <param name="Count">Instances now.</param>
/// <param name="BaselineBytes">Bytes at the earlier look.</param>
/// <param name="Bytes">Bytes now.</param>
public sealed record TypeGrowth(string Type, bool Application, long BaselineCount, long Count, long BaselineBytes, long Bytes)
{
    /// <summary>Instances added since the earlier look.</summary>
    public long CountDelta => Count - BaselineCount;

    /// <summary>Bytes added since the earlier look.</summary>
    public long BytesDelta => Bytes - BaselineBytes;

    /// <summary>Types whose instance count grew between <paramref name="before"/> and <paramref name="after"/>, most bytes added first.</summary>
    public static List<TypeGrowth> Between(IReadOnlyList<HeapTypeStat> before, IReadOnlyList<HeapTypeStat> after)
    {
        var earlier = before.ToDictionary(t => t.Type, StringComparer.Ordinal);
        return after
            .Select(t => earlier.TryGetValue(t.Type, out var b)
                ? new TypeGrowth(t.Type, t.Application, b.Count, t.Count, b.Bytes, t.Bytes)
                : new TypeGrowth(t.Type, t.Application, 0, t.Count, 0, t.Bytes))
            .Where(g => g.CountDelta > 0 && g.BytesDelta > 0)
            .OrderByDescending(g => g.BytesDelta)
            .ThenBy(g => g.Type, StringComparer.Ordinal)
            .ToList();
    }
}
