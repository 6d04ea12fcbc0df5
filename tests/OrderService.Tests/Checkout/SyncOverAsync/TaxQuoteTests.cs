using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.SyncOverAsync;

public class TaxQuoteTests(ITestOutputHelper output)
{
    private const int Orders = 200;

    [Fact]
    public async Task CheckoutAsync_ConcurrentOrders_LeakyBlockedThreadsGrowThePoolFixedServesThemWithAFew()
    {
        // Every order's call takes 1 s and the deadline is far: the only difference is whether a thread waits for it.
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("sync-over-async", output, ("Orders__Deadline", "00:00:30"));
        await using var _ = leaky;
        await using var __ = @fixed;

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders, concurrency: Orders), @fixed.OrderAsync(Orders, concurrency: Orders));

        Assert.All(codes[1], c => Assert.Equal(200, c));
        var (leakyAfter, _) = await leaky.CollectAsync(Orders, "order");
        var (fixedAfter, _) = await @fixed.CollectAsync(Orders, "order");
        Assert.True(leakyAfter.ThreadPoolThreads >= 40, $"leaky: expected the pool to grow to ≥ 40 threads for the blocked calls (baseline {leaky.Baseline.ThreadPoolThreads}), measured {leakyAfter.ThreadPoolThreads}");
        Assert.True(fixedAfter.ThreadPoolThreads <= 24, $"fixed: expected ≤ 24 thread-pool threads (baseline {@fixed.Baseline.ThreadPoolThreads}), measured {fixedAfter.ThreadPoolThreads}");
    }
}
