using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.DuplicateWatcher;

/// <summary>
/// LeakyPriceListWatch (Go's repeated start): a watcher checks the price list for changes every
/// <see cref="OrdersOptions.PollInterval"/>; every <see cref="OrdersOptions.ReloadEvery"/> orders the price list is
/// reloaded and a new watcher started — without stopping the one before. <see cref="FixedPriceListWatch"/> differs only in
/// stopping it.
/// </summary>
public sealed class LeakyPriceListWatch(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Watching = new("LeakyPriceListWatch.WatchAsync", "its next check (Task.Delay)");
    private readonly Lock _reload = new();
    private long _orders;
    private long _version;
    private CancellationTokenSource? _watcher;

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        if ((Interlocked.Increment(ref _orders) - 1) % options.Value.ReloadEvery == 0)
        {
            Reload();
        }

        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        return await work.ProcessAsync(time, order.Token);
    }

    private void Reload()
    {
        lock (_reload)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            var previous = _watcher;
            _watcher = stop;
            // LEAK: the previous watcher is replaced but never stopped: it keeps checking its own copy of the price list for
            // as long as the process lives, kept by its pending delay, the registry and its registration on ApplicationStopping.
            var watcher = registry.Start(Watching);
            watcher.Track(WatchAsync(PriceList.Load(++_version), watcher, stop.Token));
        }
    }

    private async Task WatchAsync(PriceList prices, WorkerHandle watcher, CancellationToken stopped)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.PollInterval, time, stopped);
                if (prices.Version != Volatile.Read(ref _version))
                {
                    // A newer list exists; a real watcher would diff and publish here.
                    _ = prices.Prices.Count;
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            reason = WorkerExitReason.Cancelled;
        }
        finally
        {
            watcher.Exit(reason);
        }
    }
}
