using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.BlockedReceive;

public class PaymentCaptureTests(ITestOutputHelper output)
{
    private const int Orders = 300;

    [Fact]
    public async Task CheckoutAsync_HandlerGivesUp_LeakyWorkersWaitForADecisionAfterFullGcFixedOnesExit()
    {
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("blocked-receive", output);
        await using var _ = leaky;
        await using var __ = @fixed;

        var codes = await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        Assert.All(codes.SelectMany(c => c), c => Assert.Equal(504, c));
        await leaky.UntilWorkersAsync(w => w is { Total: Orders, Groups: [{ Method: "LeakyPaymentCapture.AwaitDecisionAsync" }] }, $"all {Orders} workers to wait for a payment decision");
        await @fixed.UntilWorkersAsync(w => w.Total == 0, "every late worker to exit");
        var (leakyAfter, perWorker) = await leaky.CollectAsync(Orders, "leaked worker");
        var (fixedAfter, perOrder) = await @fixed.CollectAsync(Orders, "order");
        Assert.Equal(Orders, leakyAfter.WorkersInFlight);
        Assert.True(perWorker >= 4096, $"leaky: expected ≥ 4096 B retained per worker (its order and receipt), measured {perWorker:N0} B");
        Assert.Equal(0, fixedAfter.WorkersInFlight);
        Assert.True(perOrder < 1024, $"fixed: expected the heap back at baseline (< 1 KiB per order), measured {perOrder:N0} B");
    }
}
