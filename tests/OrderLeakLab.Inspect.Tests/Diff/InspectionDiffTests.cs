using OrderLeakLab.Inspect.Diff;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Diff;

public class InspectionDiffTests
{
    [Fact]
    public async Task Compute_RetainedAndTransientWorkers_OnlyRetainedGroupsFlagged()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 50);
        var options = new InspectOptions();
        var baseline = await HeapInspector.InspectAsync(target.Pid, options);
        await target.SendAsync("add 400");        // rooted forever: the leak
        await target.SendAsync("transient 300");  // parked only while "under load"
        // The target acknowledges a command once its workers are started, not parked: wait for all of them.
        await Eventually.UntilAsync(async () => HandOffCount(await HeapInspector.InspectAsync(target.Pid, options)) == 750, TimeSpan.FromMinutes(2), "every worker to park");
        var afterLoad = await HeapInspector.InspectAsync(target.Pid, options);
        await target.SendAsync("drain");
        await Eventually.UntilAsync(async () => HandOffCount(await HeapInspector.InspectAsync(target.Pid, options)) == 450, TimeSpan.FromMinutes(2), "transient workers to finish");
        var afterCooldown = await HeapInspector.InspectAsync(target.Pid, options);

        var diff = InspectionDiff.Compute(baseline, afterLoad, afterCooldown);

        var retained = diff.Retained.ToList();
        Assert.Contains(retained, r => r is { Method: "WorkerHost.RunAsync", Baseline: 50, AfterLoad: 450, AfterCooldown: 450 });
        var handOff = Assert.Single(retained, r => r.Method == "WorkerHost.HandOffAsync");
        Assert.Equal((50L, 750L, 450L), (handOff.Baseline, handOff.AfterLoad, handOff.AfterCooldown));
    }

    [Fact]
    public void Compute_GroupBackToBaseline_NotRetained()
    {
        var diff = InspectionDiff.Compute(Report(("A.M", 5)), Report(("A.M", 500)), Report(("A.M", 5)));

        Assert.Empty(diff.Retained);
        Assert.Equal(500, Assert.Single(diff.Rows).AfterLoad);
    }

    private static long HandOffCount(InspectionReport report) =>
        report.AsyncGroups.Where(g => g.Method == "WorkerHost.HandOffAsync").Sum(g => g.Count);

    private static InspectionReport Report(params (string Method, long Count)[] groups) =>
        new(1, DateTimeOffset.UnixEpoch, "live", null, false, TimeSpan.Zero, TimeSpan.Zero, groups.Sum(g => g.Count),
            groups.Select(g => new AsyncGroup(g.Method, 0, "X", false, "Task", g.Count, g.Count * 100)).ToList(), [], []);
}
