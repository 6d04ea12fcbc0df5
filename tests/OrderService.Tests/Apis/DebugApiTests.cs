using System.Net;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Apis;

public class DebugApiTests
{
    [Fact]
    public async Task GetWorkers_ThousandLeakedWorkers_CollapseIntoOneGroupOfThousand()
    {
        await using var service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysLate("leaky"));

        await service.PostOrdersAsync(SampleOrders.Valid(), 1000);

        await Eventually.UntilAsync(
            async () => (await service.GetWorkersAsync()).Groups is [{ Count: 1000 }],
            TimeSpan.FromSeconds(60),
            "one group of 1000 workers");
        var json = await service.GetWorkersAsync();
        Assert.Equal(1000, json.Total);
        Assert.Equal("LeakyCheckout.HandOffAsync", json.Groups[0].Method);
        Assert.Contains("full channel", json.Groups[0].Awaiting, StringComparison.Ordinal);
        Assert.True(json.Groups[0].OldestAgeSeconds > 0);
        var text = await service.Admin.GetStringAsync("debug/workers");
        var lines = text.Split('\n');
        Assert.Equal("workers profile: total 1000", lines[0]);
        Assert.StartsWith("1000 @ oldest ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("#\tLeakyCheckout.HandOffAsync\tawaiting a full channel", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugEndpoints_OnPublicListener_AreNotFound()
    {
        await using var service = await OrderServiceProcess.StartAsync(new() { Variant = "fixed" });

        using var workers = await service.Client.GetAsync("debug/workers");
        using var gc = await service.Client.PostAsync("debug/gc", null);
        using var admin = await service.Admin.GetAsync("debug/workers");

        Assert.Equal(HttpStatusCode.NotFound, workers.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gc.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task CollectGarbage_Always_ReportsHeapAndWorkersInFlight()
    {
        await using var service = await OrderServiceProcess.StartAsync(new() { Variant = "fixed" });

        var before = await service.CollectGarbageAsync();
        var after = await service.CollectGarbageAsync();

        Assert.True(after.HeapBytesAfter > 0);
        Assert.True(after.Gen2Collections > before.Gen2Collections);
        Assert.Equal(0, after.WorkersInFlight);
    }
}
