namespace OrderLeakLab.OrderService.Checkout;

/// <summary>CheckoutResult is what the handler learns: a receipt, or that it gave up waiting.</summary>
/// <param name="Receipt">The worker's result; null when the deadline passed first.</param>
public sealed record CheckoutResult(OrderReceipt? Receipt)
{
    /// <summary>The handler gave up before the worker's result arrived.</summary>
    public static readonly CheckoutResult TimedOut = new((OrderReceipt?)null);

    /// <summary>True when the worker's result arrived in time.</summary>
    public bool IsConfirmed => Receipt is not null;
}
