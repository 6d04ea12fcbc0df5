using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.TokenNotPropagated;

/// <summary>
/// FixedInventoryHold is <see cref="LeakyInventoryHold"/> with the fix: the call gets the order's token (the request, the
/// application's lifetime and the deadline), so when the handler gives up the call is cancelled — HTTP/2 resets the
/// stream and the inventory service stops too — Go's <c>http.NewRequestWithContext(ctx, …)</c>.
/// </summary>
public sealed class FixedInventoryHold(InventoryClient inventory, WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime) : ICheckout
{
    private static readonly WorkerStage Holding = new("FixedInventoryHold.HoldStockAsync", "the inventory service (HttpClient.PostAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var call = registry.Start(Holding);
        // FIX: the call gets the order's token, so it ends when the handler gives up.
        var held = HoldStockAsync(work, call, order.Token);
        call.Track(held);
        try
        {
            return await held.WaitAsync(order.Token) ? new CheckoutResult(OrderReceipt.Price(work)) : CheckoutResult.TimedOut;
        }
        catch (OperationCanceledException) when (order.IsCancellationRequested)
        {
            return CheckoutResult.TimedOut;
        }
    }

    private async Task<bool> HoldStockAsync(OrderWork work, WorkerHandle call, CancellationToken cancellationToken)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            var held = await inventory.HoldAsync(work, cancellationToken);
            reason = held ? WorkerExitReason.Delivered : WorkerExitReason.Failed;
            return held;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = WorkerExitReason.Cancelled;
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false; // the service failed, or HttpClient.Timeout ended the call
        }
        finally
        {
            call.Exit(reason);
        }
    }
}
