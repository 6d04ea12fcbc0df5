using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.TokenNotPropagated;

public class InventoryHoldTests(ITestOutputHelper output)
{
    private const int Orders = 300;

    [Fact]
    public async Task CheckoutAsync_HandlerGivesUp_LeakyCallsToTheHungServiceStayOpenAfterFullGcFixedOnesAreCancelled()
    {
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("token-not-propagated", output);
        await using var _ = leaky;
        await using var __ = @fixed;
        // A first round as large as the measured one opens the HTTP/2 connections and fills both sides' pools.
        await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));
        await @fixed.UntilWorkersAsync(w => w.Total == 0, "the first round's calls to be cancelled");
        await Task.WhenAll(leaky.RebaseAsync(), @fixed.RebaseAsync());

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        Assert.All(codes.SelectMany(c => c), c => Assert.Equal(504, c));
        await @fixed.UntilWorkersAsync(w => w.Total == 0, "every call to be cancelled");
        var (leakyAfter, perCall) = await leaky.CollectAsync(Orders, "abandoned call");
        var (fixedAfter, _) = await @fixed.CollectAsync(Orders, "order");
        Assert.Equal(2 * Orders, leakyAfter.WorkersInFlight);
        Assert.Equal("LeakyInventoryHold.HoldStockAsync", Assert.Single((await leaky.Service.GetWorkersAsync()).Groups).Method);
        Assert.True(perCall >= 4096, $"leaky: expected ≥ 4096 B retained per abandoned call (request, stream, order), measured {perCall:N0} B");
        Assert.Equal(0, fixedAfter.WorkersInFlight);
        // Judged by whether the residual scales with orders, not by an absolute bound: one-off growth on a busy machine
        // (pool threads, HTTP/2 stream state) left 1,207 B per order of a single round once; later orders must leave far
        // less each than an abandoned call holds.
        var (laterAfter, perLaterOrder, laterCodes) = await @fixed.SecondBatchAsync(2 * Orders, w => w.Total == 0, "every later call to be cancelled");
        Assert.All(laterCodes, c => Assert.Equal(504, c));
        Assert.Equal(0, laterAfter.WorkersInFlight);
        Assert.True(perLaterOrder * 4 < perCall, $"fixed: expected the later orders to leave < 1/4 of leaky's {perCall:N0} B per abandoned call, measured {perLaterOrder:N0} B per order");
    }
}
