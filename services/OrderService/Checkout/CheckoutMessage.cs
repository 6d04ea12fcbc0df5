namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// CheckoutMessage is what a worker sends its caller: progress (<see cref="Receipt"/> null), then the receipt.
/// </summary>
/// <param name="Stage">What the worker has done, e.g. <c>priced</c> or <c>confirmed</c>.</param>
/// <param name="Receipt">The result; set on the last message only.</param>
public sealed record CheckoutMessage(string Stage, OrderReceipt? Receipt)
{
    /// <summary>The progress report sent before the receipt.</summary>
    public static readonly CheckoutMessage Priced = new("priced", null);
}
