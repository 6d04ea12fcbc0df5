using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Checkout;

/// <summary>
/// HeapBaseline warms a fresh service up without starting a single worker (invalid orders exercise routing,
/// JSON, connections and pools at the same concurrency) and then measures the heap after a full GC.
/// </summary>
internal static class HeapBaseline
{
    public static async Task<GcResult> MeasureAsync(OrderServiceProcess service, int concurrency)
    {
        var invalid = SampleOrders.Valid().Replace("\"quantity\":1", "\"quantity\":0", StringComparison.Ordinal);
        var codes = await service.PostOrdersAsync(invalid, 500, concurrency);
        Assert.All(codes, c => Assert.Equal(400, c));
        await service.GetMetricsAsync();
        await service.GetWorkersAsync();
        await service.CollectGarbageAsync();
        return await service.CollectGarbageAsync();
    }
}
