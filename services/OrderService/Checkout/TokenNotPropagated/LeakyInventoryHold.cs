using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.TokenNotPropagated;

/// <summary>
/// LeakyInventoryHold (Go's context not propagated): the checkout asks the inventory service to hold the order's articles
/// and waits for the answer until the deadline, but makes the call with <see cref="CancellationToken.None"/>, so a call
/// outlives the handler that gave up on it. <see cref="FixedInventoryHold"/> differs only in the token it passes.
/// </summary>
public sealed class LeakyInventoryHold(InventoryClient inventory, WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime) : ICheckout
{
    private static readonly WorkerStage Holding = new("LeakyInventoryHold.HoldStockAsync", "the inventory service (HttpClient.PostAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var call = registry.Start(Holding);
        // LEAK: the call gets CancellationToken.None: when the handler gives up, the call goes on until the inventory service
        // answers or HttpClient.Timeout (100 s) ends it, its HTTP/2 stream (and the registry) keeping it and the order alive.
        var held = HoldStockAsync(work, call, CancellationToken.None);
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
