using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.EndlessLoop;

/// <summary>
/// FixedStatusPolling is <see cref="LeakyStatusPolling"/> with the fix: the poll loop observes the order's token, so it
/// ends with the order — Go's <c>select { case &lt;-ticker.C: case &lt;-ctx.Done(): return }</c>.
/// </summary>
public sealed class FixedStatusPolling(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Polling = new("FixedStatusPolling.PollStatusAsync", "its next poll (Task.Delay)");

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
            // FIX: the loop waits on the order's token, so its delay throws when the order ends and the poller leaves.
            while (true)
            {
                await Task.Delay(options.Value.PollInterval, time, orderEnded);
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
