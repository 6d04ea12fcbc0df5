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
        // Each loop is always either running or parked on its delay's timer: the timer queue roots it.
        Assert.True(leakyAfter.ActiveTimers >= Orders, $"leaky: expected ≥ {Orders} pending delay timers, measured {leakyAfter.ActiveTimers}");
        Assert.True(perPoller >= 256, $"leaky: expected ≥ 256 B retained per poller, measured {perPoller:N0} B");
        Assert.Equal(0, fixedAfter.WorkersInFlight);
        Assert.True(fixedAfter.ActiveTimers <= @fixed.Baseline.ActiveTimers + 5, $"fixed: expected the timers back at baseline ({@fixed.Baseline.ActiveTimers}), measured {fixedAfter.ActiveTimers}");
        Assert.True(perOrder < 256, $"fixed: expected the heap back at baseline (< 256 B per order), measured {perOrder:N0} B");
    }
}
