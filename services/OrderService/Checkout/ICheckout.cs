namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// ICheckout processes one order and answers with its confirmation, or a timeout once the deadline passes. Each leak
/// pattern (<see cref="LeakPatterns"/>) has a leaky and a fixed implementation that differ only in the fix.
/// </summary>
public interface ICheckout
{
    /// <summary>Processes <paramref name="work"/> and returns its confirmation or a timeout.</summary>
    Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted);
}
