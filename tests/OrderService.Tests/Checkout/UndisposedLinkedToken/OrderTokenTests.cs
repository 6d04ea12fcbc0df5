using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.UndisposedLinkedToken;

public class OrderTokenTests(ITestOutputHelper output)
{
    private const int Orders = 2000;

    [Fact]
    public async Task CheckoutAsync_OrdersConfirmed_LeakyLinkedSourcesStayRegisteredOnApplicationStoppingAfterFullGcFixedLeaveNothing()
    {
        // In time (work 1 ms, deadline 5 s): the linked source's only trace is its registration on ApplicationStopping.
        var (leaky, @fixed) = await PatternProbe.StartPairAsync(
            "undisposed-linked-token", output, ("Orders__WorkMin", "00:00:00.001"), ("Orders__WorkMax", "00:00:00.001"), ("Orders__Deadline", "00:00:05"));
        await using var _ = leaky;
        await using var __ = @fixed;

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        Assert.All(codes.SelectMany(c => c), c => Assert.Equal(200, c));
        var (_, perLeakyOrder) = await leaky.CollectAsync(Orders, "order");
        await @fixed.CollectAsync(Orders, "order");
        var (_, perLaterOrder, laterCodes) = await @fixed.SecondBatchAsync(2 * Orders, w => w.Total == 0, "no worker left");
        Assert.All(laterCodes, c => Assert.Equal(200, c));
        Assert.True(perLeakyOrder >= 120, $"leaky: expected ≥ 120 B retained per order (linked source, its registration and timer), measured {perLeakyOrder:N0} B");
        // Judged by whether the residual scales with orders: the first batch paid the one-off growth, so the later orders
        // must leave far less each than a never-disposed linked source holds.
        Assert.True(perLaterOrder * 4 < perLeakyOrder, $"fixed: expected the later orders to leave < 1/4 of leaky's {perLeakyOrder:N0} B per order, measured {perLaterOrder:N0} B per order");
    }
}
