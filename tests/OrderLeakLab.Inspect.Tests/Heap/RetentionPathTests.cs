using OrderLeakLab.Inspect.Heap;
using OrderLeakLab.Inspect.Tests.Support;
using Xunit.Abstractions;

namespace OrderLeakLab.Inspect.Tests.Heap;

/// <summary>Retention paths against real processes that keep objects alive through one kind of root each.</summary>
public class RetentionPathTests(ITestOutputHelper output)
{
    [Fact]
    public async Task InspectAsync_StaticList_PathNamesTheStaticField()
    {
        var path = await PathForAsync("static", "LeakedOrder");

        Assert.Equal("static", path.RootKind);
        Assert.Equal("static LeakyCache.Items", path.Root);
        Assert.Equal("LeakedOrder", path.Links[^1].Type);
        Assert.Contains(path.Links, l => l.Type == "List" && l.Field == "_items");
    }

    [Fact]
    public async Task InspectAsync_EventOnLongLivedPublisher_PathNamesTheEventsDelegate()
    {
        var path = await PathForAsync("event", "EventSubscriber");

        Assert.Equal("static OrderEvents.Instance", path.Root);
        Assert.Contains(path.Links, l => l.Type == "OrderEvents" && l.Field == "Changed");
        Assert.Contains("event Changed (delegate)", path.Named);
        Assert.Equal(("EventHandler", "_target"), (path.Links[^2].Type, path.Links[^2].Field));
        Assert.Equal("EventSubscriber", path.Links[^1].Type);
    }

    [Fact]
    public async Task InspectAsync_TokenRegistrationOnLongLivedSource_PathNamesTheRegistration()
    {
        var path = await PathForAsync("token", "TokenWatcher");

        Assert.Equal("static Lifetime.Stopping", path.Root);
        Assert.Equal("CancellationTokenSource", path.Links[0].Type);
        Assert.Contains("CancellationToken registration", path.Named);
        Assert.Equal("TokenWatcher", path.Links[^1].Type);
    }

    private async Task<RetentionPath> PathForAsync(string kind, string type)
    {
        await using var target = await ParkedWorkersTarget.StartRetainingAsync(kind, 2000);

        var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions { Heap = true });

        var writer = new StringWriter();
        Rendering.HeapTextWriter.Write(writer, report);
        output.WriteLine(writer.ToString());
        var stat = Assert.Single(report.HeapTypes, t => t.Type.EndsWith("." + type, StringComparison.Ordinal));
        Assert.Equal((2000, true), (stat.Count, stat.Application));
        Assert.Null(report.PathSearch!.CutShort);
        return Assert.Single(report.RetentionPaths, p => p.For == type);
    }
}
