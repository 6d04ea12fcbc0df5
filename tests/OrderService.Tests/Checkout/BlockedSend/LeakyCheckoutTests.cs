using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.BlockedSend;

public class LeakyCheckoutTests(ITestOutputHelper output)
{
    private const int Orders = 1000;

    [Fact]
    public async Task CheckoutAsync_WorkOutlastsDeadline_EveryWorkerStaysRootedAfterFullGc()
    {
        await using var service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysLate("leaky"));
        var baseline = await HeapBaseline.MeasureAsync(service, concurrency: 50);

        var codes = await service.PostOrdersAsync(SampleOrders.Valid(), Orders, concurrency: 50);

        Assert.All(codes, c => Assert.Equal(504, c));
        await Eventually.UntilAsync(
            async () => await service.GetWorkersAsync() is { Total: Orders, Groups: [{ Method: "LeakyCheckout.HandOffAsync" }] },
            TimeSpan.FromSeconds(60),
            $"all {Orders} workers to park in LeakyCheckout.HandOffAsync");
        var after = await service.CollectGarbageAsync();
        var metrics = await service.GetMetricsAsync();
        var perWorker = (after.HeapBytesAfter - baseline.HeapBytesAfter) / (double)Orders;
        output.WriteLine($"leaky: baseline {baseline.HeapBytesAfter} B, after {Orders} late orders and a full GC {after.HeapBytesAfter} B, {perWorker:0} B retained per leaked worker, in flight {after.WorkersInFlight}");
        Assert.Equal(Orders, after.WorkersInFlight);
        Assert.Equal(Orders, metrics.Value("orders_workers_inflight", ("variant", "leaky")));
        Assert.Equal(0, metrics.Value("orders_workers_exited_total", ("variant", "leaky"), ("reason", "delivered")));
        Assert.True(perWorker >= 4096, $"expected ≥ 4096 B retained per leaked worker, measured {perWorker:0} B");
    }
}
