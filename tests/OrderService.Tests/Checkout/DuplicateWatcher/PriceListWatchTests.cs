using Xunit.Abstractions;

namespace OrderService.Tests.Checkout.DuplicateWatcher;

public class PriceListWatchTests(ITestOutputHelper output)
{
    private const int Orders = 300;
    private const int ReloadEvery = 10;
    private const int Reloads = Orders / ReloadEvery;

    [Fact]
    public async Task CheckoutAsync_PriceListReloads_LeakyWatchersAllStillWatchAfterFullGcFixedKeepsOne()
    {
        var (leaky, @fixed) = await PatternProbe.StartPairAsync("duplicate-watcher", output, ("Orders__ReloadEvery", $"{ReloadEvery}"));
        await using var _ = leaky;
        await using var __ = @fixed;
        // A first round loads the first price list and starts the first watcher in both.
        await Task.WhenAll(leaky.OrderAsync(ReloadEvery), @fixed.OrderAsync(ReloadEvery));
        await Task.WhenAll(leaky.RebaseAsync(), @fixed.RebaseAsync());

        await Task.WhenAll(leaky.OrderAsync(Orders), @fixed.OrderAsync(Orders));

        await @fixed.UntilWorkersAsync(w => w.Total == 1, "the replaced watchers to stop");
        var (leakyAfter, perWatcher) = await leaky.CollectAsync(Reloads, "watcher");
        var (fixedAfter, perReload) = await @fixed.CollectAsync(Reloads, "reload");
        Assert.Equal(1 + Reloads, leakyAfter.WorkersInFlight);
        Assert.Equal("LeakyPriceListWatch.WatchAsync", Assert.Single((await leaky.Service.GetWorkersAsync()).Groups).Method);
        Assert.True(perWatcher >= 32 * 1024, $"leaky: expected ≥ 32 KiB retained per watcher (its copy of the price list), measured {perWatcher:N0} B");
        Assert.Equal(1, fixedAfter.WorkersInFlight);
        Assert.True(perReload < 16 * 1024, $"fixed: expected one price list at a time (< 16 KiB per reload, a tenth of a list), measured {perReload:N0} B");
    }
}
