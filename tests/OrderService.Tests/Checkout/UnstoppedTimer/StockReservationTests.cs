using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.UnstoppedTimer;

public class StockReservationTests(ITestOutputHelper output)
{
    private const int Orders = 300;

    [Fact]
    public async Task CheckoutAsync_OrdersEnd_LeakyRefreshTimersStayScheduledAfterFullGcFixedOnesAreDisposed()
    {
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("unstopped-timer", output);
        await using var _ = leaky;
        await using var __ = @fixed;

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        Assert.All(codes.SelectMany(c => c), c => Assert.Equal(504, c));
        var (leakyAfter, perTimer) = await leaky.CollectAsync(Orders, "timer");
        var (fixedAfter, perOrder) = await @fixed.CollectAsync(Orders, "order");
        // Nothing of ours references the timers: the runtime's timer queue does, and keeps firing them.
        Assert.True(leakyAfter.ActiveTimers >= leaky.Baseline.ActiveTimers + Orders, $"leaky: expected ≥ {Orders} more timers than the baseline's {leaky.Baseline.ActiveTimers}, measured {leakyAfter.ActiveTimers}");
        Assert.True(perTimer >= 256, $"leaky: expected ≥ 256 B retained per timer and its reservation, measured {perTimer:N0} B");
        Assert.True(fixedAfter.ActiveTimers <= @fixed.Baseline.ActiveTimers + 5, $"fixed: expected the timers back at baseline ({@fixed.Baseline.ActiveTimers}), measured {fixedAfter.ActiveTimers}");
        Assert.True(perOrder < 256, $"fixed: expected the heap back at baseline (< 256 B per order), measured {perOrder:N0} B");
    }
}
