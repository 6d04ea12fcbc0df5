using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.DuplicateWatcher;

/// <summary>
/// FixedPriceListWatch is <see cref="LeakyPriceListWatch"/> with the fix: a reload stops the previous watcher before it
/// starts the next, so there is one at a time.
/// </summary>
public sealed class FixedPriceListWatch(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Watching = new("FixedPriceListWatch.WatchAsync", "its next check (Task.Delay)");
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
            // FIX: stop the previous watcher (it leaves at its next delay) and release its registration, then start the next.
            previous?.Cancel();
            previous?.Dispose();
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
