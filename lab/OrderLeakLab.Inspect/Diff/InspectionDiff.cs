namespace OrderLeakLab.Inspect.Diff;

/// <summary>
/// InspectionDiff compares three snapshots — baseline, after load, after cooldown (memlab's method) — and
/// names the async groups that grew and did not come back.
/// </summary>
/// <param name="Baseline">The snapshot before load.</param>
/// <param name="AfterLoad">The snapshot after load.</param>
/// <param name="AfterCooldown">The snapshot after the cooldown.</param>
/// <param name="Rows">Every group seen in any snapshot; retained ones first, then by cooldown growth.</param>
public sealed record InspectionDiff(InspectionReport Baseline, InspectionReport AfterLoad, InspectionReport AfterCooldown, IReadOnlyList<DiffRow> Rows)
{
    /// <summary>The groups that grew under load and are still above baseline after the cooldown.</summary>
    public IEnumerable<DiffRow> Retained => Rows.Where(r => r.Retained);

    /// <summary>Builds the diff from three snapshots of the same process.</summary>
    public static InspectionDiff Compute(InspectionReport baseline, InspectionReport afterLoad, InspectionReport afterCooldown)
    {
        var keys = new[] { baseline, afterLoad, afterCooldown }
            .SelectMany(r => r.AsyncGroups)
            .GroupBy(g => g.Key)
            .Select(g => g.First())
            .Select(g => new DiffRow(g.Method, g.State, g.Awaiting, CountOf(baseline, g.Key), CountOf(afterLoad, g.Key), CountOf(afterCooldown, g.Key)))
            .OrderByDescending(r => r.Retained)
            .ThenByDescending(r => r.AfterCooldown - r.Baseline)
            .ThenByDescending(r => r.AfterLoad - r.Baseline)
            .ToList();
        return new InspectionDiff(baseline, afterLoad, afterCooldown, keys);
    }

    private static long CountOf(InspectionReport report, string key) =>
        report.AsyncGroups.Where(g => g.Key == key).Sum(g => g.Count);
}
