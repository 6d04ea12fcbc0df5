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
public sealed record InspectionReport(
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
    /// <summary>The largest leaf group (one that waits on something other than another async method), or null.</summary>
    public AsyncGroup? LeakSite => AsyncGroups.Where(g => !g.AwaitsAsyncMethod).MaxBy(g => g.Count);

    /// <summary>
    /// One line naming the leak site, e.g. <c>41,230 workers parked at LeakyCheckout.HandOffAsync awaiting a full channel</c>;
    /// <c>no parked async workers</c> when there are none.
    /// </summary>
    public string LeakSiteSummary() => LeakSite is { } site
        ? $"{site.Count.ToString("N0", CultureInfo.InvariantCulture)} workers parked at {site.Method} {site.AwaitingInWords}"
        : "no parked async workers";

    /// <summary>
    /// The async groups as table rows for a Markdown or HTML report: header first, then one row per group
    /// (count, approx. bytes, method, state, awaiting), at most <paramref name="maxRows"/> groups.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> ToTableRows(int maxRows = 10)
    {
        var rows = new List<IReadOnlyList<string>> { new[] { "Count", "Approx. bytes", "Method", "State", "Awaiting" } };
        rows.AddRange(AsyncGroups.Take(maxRows).Select(g => (IReadOnlyList<string>)new[]
        {
            g.Count.ToString("N0", CultureInfo.InvariantCulture),
            g.Bytes.ToString("N0", CultureInfo.InvariantCulture),
            g.Method,
            g.State.ToString(CultureInfo.InvariantCulture),
            g.Awaiting,
        }));
        return rows;
    }
}
