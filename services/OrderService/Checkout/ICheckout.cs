namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// ICheckout runs one order's background worker and waits, up to the deadline, for it to hand back the result.
/// <see cref="LeakyCheckout"/> and <see cref="FixedCheckout"/> differ only in cancellation and lifetime handling.
/// </summary>
public interface ICheckout
{
    /// <summary>Starts the worker for <paramref name="work"/> and returns its confirmation or a timeout.</summary>
    Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted);
}
