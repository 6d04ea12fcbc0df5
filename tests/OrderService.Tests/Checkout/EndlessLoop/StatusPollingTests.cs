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
        var (fixedAfter, perOrder) = await @fixed.CollectAsync(Orders, "order");
        Assert.Equal(Orders, leakyAfter.WorkersInFlight);
        Assert.Equal("LeakyStatusPolling.PollStatusAsync", Assert.Single((await leaky.Service.GetWorkersAsync()).Groups).Method);
        // Each loop is always either running or parked on its delay's timer: the timer queue roots it. A running loop
        // holds a thread-pool thread and has no timer at that instant, so at most that many loops lack one.
        var parkedAtLeast = Orders - leakyAfter.ThreadPoolThreads;
        Assert.True(leakyAfter.ActiveTimers >= parkedAtLeast, $"leaky: expected ≥ {parkedAtLeast} pending delay timers ({Orders} pollers, {leakyAfter.ThreadPoolThreads} pool threads), measured {leakyAfter.ActiveTimers}");
        Assert.True(perPoller >= 256, $"leaky: expected ≥ 256 B retained per poller, measured {perPoller:N0} B");
        Assert.Equal(0, fixedAfter.WorkersInFlight);
        Assert.True(fixedAfter.ActiveTimers <= @fixed.Baseline.ActiveTimers + 5, $"fixed: expected the timers back at baseline ({@fixed.Baseline.ActiveTimers}), measured {fixedAfter.ActiveTimers}");
        // 300 orders also grow the runtime once (a thread-pool thread, its structures: ~80 KB, ~260 B an order), so
        // the fixed side is judged against the leaky side's per-poller retention rather than an absolute figure.
        Assert.True(perOrder * 4 < perPoller, $"fixed: expected < 1/4 of leaky's {perPoller:N0} B per poller, measured {perOrder:N0} B per order");
    }
}
