using System.Globalization;

namespace OrderLeakLab.Inspect;

/// <summary>
/// InspectionReport is one snapshot of where a process's async workers and threads are parked, largest
/// groups first. <see cref="LeakSiteSummary"/> gives the one line the lab puts in its verdict.
/// </summary>
/// <param name="Pid">The inspected process.</param>
/// <param name="TakenAt">When the snapshot was taken.</param>
/// <param name="Mode"><c>live</c> (suspended attach) or <c>dump</c> (heap dump analysed offline).</param>
/// <param name="DumpPath">The kept dump file in dump mode, otherwise null.</param>
/// <param name="GcFirst">Whether a full GC was induced before counting.</param>
/// <param name="TargetPaused">How long the target was suspended (attach to detach, or the dump write).</param>
/// <param name="Elapsed">Total time of the inspection, including the GC and the analysis.</param>
/// <param name="PendingStateMachines">All pending async state machines found.</param>
/// <param name="AsyncGroups">Groups by method, state and awaited object, largest first.</param>
/// <param name="Chains">Coalesced async call chains, most first.</param>
/// <param name="ThreadGroups">Managed threads grouped by identical stack, most first.</param>
public sealed partial record InspectionReport(
    int Pid,
    DateTimeOffset TakenAt,
    string Mode,
    string? DumpPath,
    bool GcFirst,
    TimeSpan TargetPaused,
    TimeSpan Elapsed,
    long PendingStateMachines,
    IReadOnlyList<AsyncGroup> AsyncGroups,
    IReadOnlyList<AsyncChain> Chains,
    IReadOnlyList<ThreadGroup> ThreadGroups)
{
    /// <summary>The JSON shape's name and version (documented in the README, "inspect --json").</summary>
    public string Schema => "orderleaklab.inspect.v2";

    /// <summary>Every type on the heap with its instances and bytes, most bytes first (<c>--heap</c>; empty otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Heap.HeapTypeStat> HeapTypes { get; init; } = [];

    /// <summary>Where a memory snapshot's pause went, stage by stage (snapshot mode; null in live and dump mode).</summary>
    public Snapshot.PauseBreakdown? PauseStages { get; init; }

    /// <summary>The type table as written to JSON: the 50 types with most bytes.</summary>
    public IReadOnlyList<Heap.HeapTypeStat> TypeTable => HeapTypes.Take(50).ToList();

    /// <summary>Types that grew since <see cref="InspectOptions.BaselineTypes"/> (application and framework), most bytes added first; empty without a baseline.</summary>
    public IReadOnlyList<Heap.TypeGrowth> GrowingTypes { get; init; } = [];

    /// <summary>Shortest paths from a GC root to a sample of each top type and of the leak site (<c>--heap</c>).</summary>
    public IReadOnlyList<Heap.RetentionPath> RetentionPaths { get; init; } = [];

    /// <summary>How the retention-path search went (bounds, whether it was cut short); null when none ran.</summary>
    public Heap.RetentionSearch? PathSearch { get; init; }

    /// <summary>Fewest parked async workers in one application group for a single look to call it a leak site. 100.</summary>
    public const int LargeAsyncGroup = 100;

    /// <summary>Fewest blocked application threads in one group for a single look to call it a leak site. 8.</summary>
    public const int LargeThreadGroup = 8;

    /// <summary>
    /// The headlined async group: the largest application group that is where its workers are parked (not awaiting
    /// another application method) with at least <see cref="LargeAsyncGroup"/> workers; the framework's standing
    /// work (Kestrel's loops, the host's lifetime waits) never is. Null when no async group qualifies or a thread group is larger.
    /// </summary>
    public AsyncGroup? LeakSite => Headline() is (AsyncGroup g, _) ? g : null;

    /// <summary>The headlined thread group (sync-over-async or other blocked application threads, at least <see cref="LargeThreadGroup"/>), or null.</summary>
    public ThreadGroup? BlockedThreadsSite => Headline() is (_, ThreadGroup t) ? t : null;

    /// <summary>
    /// One line naming the leak site, e.g. <c>41,230 workers parked at LeakyCheckout.HandOffAsync awaiting a full channel</c>
    /// or <c>60 threads blocked in sync-over-async (Task.get_Result) at BlockingApi.Get</c>; <c>no leak site</c> when nothing qualifies.
    /// </summary>
    public string LeakSiteSummary() => Headline() switch
    {
        (AsyncGroup site, _) => $"{site.Count.ToString("N0", CultureInfo.InvariantCulture)} workers parked at {site.Method} {site.AwaitingInWords}",
        (_, ThreadGroup threads) => threads.Describe(),
        _ => OtherSiteSummary() ?? "no leak site",
    };

    private (AsyncGroup?, ThreadGroup?) Headline()
    {
        var async = AsyncGroups.Where(g => g.IsParkingPlace && g.Count >= LargeAsyncGroup).MaxBy(g => g.Count);
        var threads = ThreadGroups.Where(t => t.StandingWork is null && t.BlockedIn is not null && t.Count >= LargeThreadGroup).MaxBy(t => t.Count);
        return (async, threads) switch
        {
            ({ } a, { } t) => (double)a.Count / LargeAsyncGroup >= (double)t.Count / LargeThreadGroup ? (a, null) : (null, t),
            _ => (async, threads),
        };
    }
}
