using OrderLeakLab.Inspect.Sampling;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Service;

/// <summary>The inspector against the real order service: 10,000 requests whose work outlasts the deadline.</summary>
public class OrderServiceInspectionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task InspectAsync_Leaky10kWorkers_TopGroupIsHandOffWithin1PercentOfInflight()
    {
        await using var service = await InspectedService.StartAsync("leaky");
        await service.SendOrdersAsync(10_000);
        var inflight = 0.0;
        await Eventually.UntilAsync(async () => inflight == (inflight = await service.MetricAsync("orders_workers_inflight")) && inflight > 0, TimeSpan.FromMinutes(2), "in-flight workers to settle");

        var during = service.SendOrdersAsync(200, concurrency: 4); // served during and right after the pause
        var report = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions { GcFirst = true, Heap = true });
        var codes = await during;
        var text = new StringWriter();
        Inspect.Rendering.HeapTextWriter.Write(text, report);
        output.WriteLine(text.ToString());

        var top = report.AsyncGroups[0];
        Assert.Equal("LeakyCheckout.HandOffAsync", top.Method);
        Assert.Contains("BlockedWriteAsyncOperation", top.Awaiting, StringComparison.Ordinal);
        Assert.InRange(top.Count, inflight * 0.99, inflight * 1.01 + 200);
        Assert.StartsWith("LeakyCheckout.HandOffAsync", report.LeakSiteSummary().Split(" parked at ")[1], StringComparison.Ordinal);
        // The leak site's retention path ends (root side) at the worker registry, a DI singleton that holds each worker's
        // own task: container → registry (DI singleton) → its _workers → a WorkerHandle → the worker's task → the hand-off.
        var path = Assert.Single(report.RetentionPaths, p => p.For == "leak site LeakyCheckout.HandOffAsync");
        output.WriteLine($"mode {report.Mode}, target paused {report.TargetPaused.TotalMilliseconds:0} ms");
        Assert.DoesNotContain("TimerQueue", path.Root, StringComparison.Ordinal); // a request's pending timer explains nothing that outlives it
        var links = path.Links.ToList();
        var container = links.FindIndex(l => l.Type == "ServiceProvider" && l.Note == "DI container");
        var registry = links.FindIndex(l => l.Type == "WorkerRegistry" && l.Field == "_workers" && l.Note == "DI singleton");
        var handle = links.FindIndex(l => l.Type == "WorkerHandle" && l.Field == "Task");
        var worker = links.FindIndex(l => l.Type == "LeakyCheckout.RunWorkerAsync state machine");
        Assert.True(container >= 0 && container < registry && registry < handle && handle < worker, path.ToText());
        Assert.Equal("LeakyCheckout.HandOffAsync state machine", links[^1].Type);
        Assert.Equal(200, codes.Values.Sum());
        Assert.All(codes.Keys, code => Assert.True(code is 200 or 504, $"status {code}"));
        Assert.Equal(50, (await service.SendOrdersAsync(50)).Values.Sum());
    }

    [Fact]
    public async Task InspectAsync_FixedAfterDeadline_NoHandOffGroup()
    {
        await using var service = await InspectedService.StartAsync("fixed");
        await service.SendOrdersAsync(10_000);
        await Eventually.UntilAsync(async () => await service.MetricAsync("orders_workers_inflight") == 0, TimeSpan.FromMinutes(2), "fixed workers to exit");

        var report = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions { GcFirst = true });

        Assert.DoesNotContain(report.AsyncGroups, g => g.Method.Contains("HandOffAsync", StringComparison.Ordinal));
        Assert.Equal("no leak site", report.LeakSiteSummary());
        Assert.Equal(20, (await service.SendOrdersAsync(20)).Values.Sum());
    }

    [Fact]
    public async Task InspectAsync_LeakyTokenNotPropagated_LeakSiteIsTheServicesAbandonedCallsNotTheHungDependency()
    {
        // The hung inventory endpoint runs inside the service (a stand-in for a remote one) and holds as many calls as
        // the service leaks: the leak site must be the service's own abandoned calls, with the leaky checkout as their caller.
        await using var service = await InspectedService.StartAsync("leaky", "token-not-propagated");
        var codes = await service.SendOrdersAsync(300);
        await Eventually.UntilAsync(async () => await service.MetricAsync("orders_workers_inflight") == 300, TimeSpan.FromMinutes(2), "300 abandoned calls in flight");

        var report = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions());

        Assert.Equal(300, codes.GetValueOrDefault(504));
        Assert.Equal("300 workers parked at InventoryClient.HoldAsync awaiting async HttpClient.SendAsync.Core", report.LeakSiteSummary());
        Assert.Contains(report.Chains, c => c.Frames.Contains("LeakyInventoryHold.HoldStockAsync") && c.Frames.Contains("InventoryClient.HoldAsync"));
    }

    [Theory]
    [InlineData("leaky")]
    [InlineData("fixed")]
    public async Task InspectAsync_TypesBeforeAndAfter3000Orders_OnlyLeakyKeepsApplicationTypes(string variant)
    {
        await using var service = await InspectedService.StartAsync(variant);
        await service.SendOrdersAsync(300); // first use fills the framework's and the app's one-off caches before the baseline
        await Eventually.UntilAsync(async () => await service.MetricAsync("orders_workers_inflight") == (variant == "leaky" ? 300 : 0), TimeSpan.FromMinutes(2), "workers to park or exit");
        var baseline = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions { GcFirst = true, Heap = true, PathTypeCount = 0 });
        await service.SendOrdersAsync(3000);
        await Eventually.UntilAsync(async () => await service.MetricAsync("orders_workers_inflight") == (variant == "leaky" ? 3300 : 0), TimeSpan.FromMinutes(2), "workers to park or exit");

        var after = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions { GcFirst = true, Heap = true, BaselineTypes = baseline.HeapTypes });

        var grown = after.GrowingTypes.Where(g => g.Application).ToList();
        foreach (var g in grown.Take(8))
        {
            output.WriteLine($"{g.ShortName}: {g.BaselineCount} → {g.Count}");
        }

        foreach (var p in after.RetentionPaths)
        {
            output.WriteLine($"{p.For}: {p.ToText()}");
        }

        if (variant == "leaky")
        {
            // Every late order keeps its worker: at least one application type per worker, and its path runs through the registry.
            Assert.Contains(grown, g => g.CountDelta >= 3000);
            Assert.Contains(after.RetentionPaths, p => p.Links.Any(l => l.Type == "WorkerRegistry"));
        }
        else
        {
            Assert.DoesNotContain(grown, g => g.CountDelta >= 100); // a leak of one object per order would add 3,000
        }
    }

    [Fact]
    public async Task PidSampler_LeakyService_AgreesWithItsOwnMetrics()
    {
        await using var service = await InspectedService.StartAsync("leaky");
        await service.SendOrdersAsync(3000);
        await using var sampler = await PidSampler.StartAsync(service.ProcessId, TimeSpan.FromSeconds(1), CancellationToken.None);

        // Both sides move; poll until one pair of readings agrees roughly (RSS ±15%, heap ±25% or 8 MB, threads ±8).
        await Eventually.UntilAsync(async () =>
        {
            if (sampler.Latest is not { RssBytes: { } rss, Threads: { } threads, GcHeapBytes: { } heap, ThreadPoolThreads: not null, Timers: not null })
            {
                return false;
            }

            var (mRss, mThreads, mHeap) = (await service.MetricAsync("process_working_set_bytes"), await service.MetricAsync("process_num_threads"),
                await service.MetricAsync("dotnet_total_memory_bytes"));
            return Math.Abs(rss - mRss) < mRss * 0.15 && Math.Abs(threads - mThreads) <= 8
                && Math.Abs(heap - mHeap) < Math.Max(mHeap * 0.25, 8 << 20);
        }, TimeSpan.FromMinutes(2), "sampler and /metrics to agree");
    }
}
