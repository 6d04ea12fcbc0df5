namespace OrderLeakLab.Inspect.Heap;

/// <summary>How the retention-path search went: what it visited and whether a bound cut it short.</summary>
/// <param name="ObjectsVisited">Objects reached from the roots before the search ended.</param>
/// <param name="DeepestLevel">The deepest level (references from a root) reached.</param>
/// <param name="Elapsed">Time spent searching.</param>
/// <param name="CutShort">Null when every target was found or the graph was exhausted; otherwise which bound stopped it
/// (<c>object limit 5,000,000</c>, <c>depth limit 64</c>, <c>time limit 20 s</c>) — paths not found then may exist.</param>
public sealed record RetentionSearch(long ObjectsVisited, int DeepestLevel, TimeSpan Elapsed, string? CutShort);
