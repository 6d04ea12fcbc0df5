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
    /// <summary>The JSON shape's name and version (documented in the README, "inspect --json"); the three reports inside carry their own.</summary>
    public string Schema => "orderleaklab.inspect-diff.v1";

    /// <summary>Every type that grew under load and stayed after the cooldown, most bytes kept first (empty without type tables).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<TypeDiffRow> Types { get; init; } = [];

    /// <summary>The application's types that grew and stayed (at most 30): what the leak is made of.</summary>
    public IReadOnlyList<TypeDiffRow> ApplicationTypes => Types.Where(t => t.Application).Take(30).ToList();

    /// <summary>The framework's own types that grew and stayed (at most 30): caches, pools and whatever the leak drags along.</summary>
    public IReadOnlyList<TypeDiffRow> FrameworkTypes => Types.Where(t => !t.Application).Take(30).ToList();

    /// <summary>The groups that grew under load and are still above baseline after the cooldown.</summary>
    public IEnumerable<DiffRow> Retained => Rows.Where(r => r.Retained);

    /// <summary>The leak site: the retained application group that grew most and is where its workers are parked
    /// (the framework's standing work is never one, whatever its size), or null.</summary>
    public DiffRow? LeakSite => Retained.Where(r => r.IsParkingPlace).MaxBy(r => r.AfterCooldown - r.Baseline);

    /// <summary>One line: <c>400 workers parked at W.HandOffAsync awaiting … (50 → 750 → 450)</c> or <c>no leak site</c>.</summary>
    public string LeakSiteSummary() => LeakSite is { } r
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{r.AfterCooldown - r.Baseline:N0} workers parked at {r.Method} {new AsyncGroup(r.Method, r.State, r.Awaiting, false, "", 0, 0).AwaitingInWords} grew and stayed ({r.Baseline:N0} → {r.AfterLoad:N0} → {r.AfterCooldown:N0})")
        : "no leak site";

    /// <summary>Builds the diff from three snapshots of the same process.</summary>
    public static InspectionDiff Compute(InspectionReport baseline, InspectionReport afterLoad, InspectionReport afterCooldown)
    {
        var keys = new[] { baseline, afterLoad, afterCooldown }
            .SelectMany(r => r.AsyncGroups)
            .GroupBy(g => g.Key)
            .Select(g => g.First())
            .Select(g => new DiffRow(g.Method, g.State, g.Awaiting, CountOf(baseline, g.Key), CountOf(afterLoad, g.Key), CountOf(afterCooldown, g.Key))
            {
                StandingWork = g.StandingWork,
                IsParkingPlace = g.IsParkingPlace,
            })
            .OrderByDescending(r => r.Retained)
            .ThenByDescending(r => r.AfterCooldown - r.Baseline)
            .ThenByDescending(r => r.AfterLoad - r.Baseline)
            .ToList();
        return new InspectionDiff(baseline, afterLoad, afterCooldown, keys)
        {
            Types = TypeDiffRow.GrewAndStayed(baseline.HeapTypes, afterLoad.HeapTypes, afterCooldown.HeapTypes),
        };
    }

    private static long CountOf(InspectionReport report, string key) =>
        report.AsyncGroups.Where(g => g.Key == key).Sum(g => g.Count);
}
