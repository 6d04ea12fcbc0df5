using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Headlines;

/// <summary>What <c>leaklab inspect</c> headlines for a real ASP.NET Core app: nothing when healthy, the blocked threads when they are the problem.</summary>
public class LeakSiteHeadlineTests
{
    [Fact]
    public async Task InspectAsync_HealthyIdleAspNetCoreApp_NoLeakSiteAndKestrelLabelledStandingWork()
    {
        await using var app = await WebTarget.StartAsync();
        Assert.Equal("pong", await app.Http.GetStringAsync("/ping")); // one idle keep-alive connection, as a probe leaves

        var report = await HeapInspector.InspectAsync(app.Pid, new InspectOptions { GcFirst = true });

        Assert.Equal("no leak site", report.LeakSiteSummary());
        Assert.Null(report.LeakSite);
        Assert.Null(report.BlockedThreadsSite);
        Assert.Contains(report.AsyncGroups, g => g.StandingWork == "Kestrel accept loop");
        Assert.All(report.AsyncGroups, g => Assert.NotNull(g.StandingWork));
    }

    [Fact]
    public async Task InspectAsync_60RequestsBlockedInResult_OneSyncOverAsyncGroupHeadlined()
    {
        await using var app = await WebTarget.StartAsync();
        var blocked = Enumerable.Range(0, 60).Select(_ => app.Http.GetAsync("/block")).ToList();
        InspectionReport? report = null;
        // The thread pool adds threads as the blocked ones starve it: wait until all 60 are blocked.
        await Eventually.UntilAsync(async () =>
        {
            report = await HeapInspector.InspectAsync(app.Pid, new InspectOptions());
            return report.ThreadGroups.Where(t => t.Frames.Contains("BlockingApi.Get")).Sum(t => t.Count) >= 60;
        }, TimeSpan.FromMinutes(3), "60 threads blocked in .Result");

        var text = new StringWriter();
        Rendering.TextReportWriter.Write(text, report!, maxRows: 40);
        Assert.True(report!.ThreadGroups.Where(t => t.Frames.Contains("BlockingApi.Get")).Select(t => t.Count).SequenceEqual([60]), text.ToString());
        var group = Assert.Single(report.ThreadGroups, t => t.Frames.Contains("BlockingApi.Get"));
        Assert.True(group.SyncOverAsync);
        Assert.Equal("BlockingApi.Get", group.ApplicationFrame);
        Assert.Equal(60, group.Count);
        Assert.Same(group, report.BlockedThreadsSite);
        Assert.StartsWith("60 threads blocked in sync-over-async (", report.LeakSiteSummary(), StringComparison.Ordinal);
        Assert.EndsWith(") at BlockingApi.Get", report.LeakSiteSummary(), StringComparison.Ordinal);
        Assert.All(blocked, t => Assert.False(t.IsCompleted));
    }
}
