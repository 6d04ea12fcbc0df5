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
        await @fixed.CollectAsync(Orders, "order");
        var (fixedAfter, perLaterOrder, laterCodes) = await @fixed.SecondBatchAsync(2 * Orders, w => w.Total == 0, "every later order to end");
        Assert.All(laterCodes, c => Assert.Equal(504, c));
        // Nothing of ours references the timers: the runtime's timer queue does, and keeps firing them.
        Assert.True(leakyAfter.ActiveTimers >= leaky.Baseline.ActiveTimers + Orders, $"leaky: expected ≥ {Orders} more timers than the baseline's {leaky.Baseline.ActiveTimers}, measured {leakyAfter.ActiveTimers}");
        Assert.True(perTimer >= 256, $"leaky: expected ≥ 256 B retained per timer and its reservation, measured {perTimer:N0} B");
        Assert.True(fixedAfter.ActiveTimers <= @fixed.Baseline.ActiveTimers + 5, $"fixed: expected the timers back at baseline ({@fixed.Baseline.ActiveTimers}), measured {fixedAfter.ActiveTimers}");
        // Judged by whether the residual scales with orders, not by an absolute bound: the first batch paid the one-off
        // growth (more of it on a busy machine), so the later orders must leave far less each than a leaked timer holds.
        Assert.True(perLaterOrder * 4 < perTimer, $"fixed: expected the later orders to leave < 1/4 of leaky's {perTimer:N0} B per timer, measured {perLaterOrder:N0} B per order");
    }
}
