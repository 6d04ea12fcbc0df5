using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.EndlessLoop;

public class StatusPollingTests(ITestOutputHelper output)
{
    private const int Orders = 300;

    [Fact]
    public async Task CheckoutAsync_OrdersEnd_LeakyPollersLoopOnTheirTimersAfterFullGcFixedOnesEndWithTheOrder()
    {
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("endless-loop", output);
        await using var _ = leaky;
        await using var __ = @fixed;

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        Assert.All(codes.SelectMany(c => c), c => Assert.Equal(504, c));
        await @fixed.UntilWorkersAsync(w => w.Total == 0, "every poller to end with its order");
        var (leakyAfter, perPoller) = await leaky.CollectAsync(Orders, "poller");
        await @fixed.CollectAsync(Orders, "order");
        var (fixedAfter, perLaterOrder, laterCodes) = await @fixed.SecondBatchAsync(2 * Orders, w => w.Total == 0, "every later poller to end with its order");
        Assert.All(laterCodes, c => Assert.Equal(504, c));
        Assert.Equal(Orders, leakyAfter.WorkersInFlight);
        Assert.Equal("LeakyStatusPolling.PollStatusAsync", Assert.Single((await leaky.Service.GetWorkersAsync()).Groups).Method);
        // Each loop is parked on its delay's timer, except while it runs or waits in the pool's queue to run: the timer
        // queue roots it. Awaited, not sampled once: on a busy machine a look can catch many loops queued at once.
        await Eventually.UntilAsync(
            async () => await leaky.Service.CollectGarbageAsync() is var now && now.ActiveTimers >= Orders - now.ThreadPoolThreads,
            TimeSpan.FromSeconds(60),
            $"leaky: every one of the {Orders} pollers not on a pool thread parked on its delay timer");
        Assert.True(perPoller >= 256, $"leaky: expected ≥ 256 B retained per poller, measured {perPoller:N0} B");
        Assert.Equal(0, fixedAfter.WorkersInFlight);
        Assert.True(fixedAfter.ActiveTimers <= @fixed.Baseline.ActiveTimers + 5, $"fixed: expected the timers back at baseline ({@fixed.Baseline.ActiveTimers}), measured {fixedAfter.ActiveTimers}");
        // The fixed side's residual must not scale with orders: the first batch paid the runtime's one-off growth, so
        // the later orders must leave far less each than a leaked poller holds.
        Assert.True(perLaterOrder * 4 < perPoller, $"fixed: expected the later orders to leave < 1/4 of leaky's {perPoller:N0} B per poller, measured {perLaterOrder:N0} B per order");
    }
}
