using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// OrderWork is everything a worker holds while it runs: the parsed order and its raw body (kept, as real
/// workers keep them, for the audit trail), plus how long its work takes.
/// </summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Order">The parsed, validated order.</param>
/// <param name="Body">The request body as received.</param>
/// <param name="Duration">How long the simulated work lasts.</param>
public sealed record OrderWork(Guid OrderId, OrderRequest Order, byte[] Body, TimeSpan Duration)
{
    /// <summary>
    /// Does the order's work (an awaited <see cref="Duration"/>, standing for the calls a real checkout makes) and prices
    /// it; <see cref="CheckoutResult.TimedOut"/> when <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public async Task<CheckoutResult> ProcessAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Duration, time, cancellationToken);
            return new CheckoutResult(OrderReceipt.Price(this));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CheckoutResult.TimedOut;
        }
    }
}
