using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.BlockedSend;

public class FixedCheckoutTests(ITestOutputHelper output)
{
    private const int Orders = 1000;

    [Fact]
    public async Task CheckoutAsync_WorkOutlastsDeadline_WorkersExitAndHeapReturnsToBaseline()
    {
        await using var service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysLate("fixed"));
        var baseline = await HeapBaseline.MeasureAsync(service, concurrency: 50);

        var codes = await service.PostOrdersAsync(SampleOrders.Valid(), Orders, concurrency: 50);

        Assert.All(codes, c => Assert.Equal(504, c));
        await Eventually.UntilAsync(
            async () => (await service.GetMetricsAsync()).Value("orders_workers_inflight", ("variant", "fixed")) == 0,
            TimeSpan.FromSeconds(60),
            "orders_workers_inflight to return to 0");
        var after = await service.CollectGarbageAsync();
        var metrics = await service.GetMetricsAsync();
        var perOrder = (after.HeapBytesAfter - baseline.HeapBytesAfter) / (double)Orders;
        output.WriteLine($"fixed: baseline {baseline.HeapBytesAfter} B, after {Orders} late orders and a full GC {after.HeapBytesAfter} B, {perOrder:0} B left per order, in flight {after.WorkersInFlight}");
        Assert.Equal(0, after.WorkersInFlight);
        Assert.Equal(Orders, metrics.Value("orders_workers_exited_total", ("variant", "fixed"), ("reason", "cancelled")));
        Assert.True(perOrder < 1024, $"expected the heap back at baseline (< 1 KiB per order left; a leaked worker holds ≥ 4 KiB), measured {perOrder:0} B per order");
    }
}
