using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.EndlessLoop;

/// <summary>
/// LeakyStatusPolling (Go's loop without exit): while an order is processed, a poller refreshes its status for the
/// order-tracking page every <see cref="OrdersOptions.PollInterval"/> — in a loop with no exit condition, so it polls
/// for ever after the order has ended. <see cref="FixedStatusPolling"/> differs only in the loop observing the order.
/// </summary>
public sealed class LeakyStatusPolling(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Polling = new("LeakyStatusPolling.PollStatusAsync", "its next poll (Task.Delay)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var poller = registry.Start(Polling);
        poller.Track(PollStatusAsync(new OrderStatus(work.OrderId), poller, order.Token));
        try
        {
            return await work.ProcessAsync(time, order.Token);
        }
        finally
        {
            await order.CancelAsync(); // the order has ended, confirmed or not: whatever observes its token stops
        }
    }

    private async Task PollStatusAsync(OrderStatus status, WorkerHandle poller, CancellationToken orderEnded)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            // LEAK: `while (true)` and a delay without the order's token: nothing ends the loop, and the pending delay's timer
            // (and the registry) keep it alive, waking every interval for as long as the process lives.
            while (true)
            {
                await Task.Delay(options.Value.PollInterval, time);
                status.Poll(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (orderEnded.IsCancellationRequested)
        {
            reason = WorkerExitReason.Cancelled;
        }
        finally
        {
            poller.Exit(reason);
        }
    }
}
