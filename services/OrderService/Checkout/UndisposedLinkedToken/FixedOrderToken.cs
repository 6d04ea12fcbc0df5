using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.UndisposedLinkedToken;

/// <summary>
/// FixedOrderToken is <see cref="LeakyOrderToken"/> with the fix: <c>using</c> disposes the linked source when the order
/// ends, which unregisters it from the tokens it links — Go's <c>defer cancel()</c>.
/// </summary>
public sealed class FixedOrderToken(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        // FIX: `using` disposes the linked source when the order ends, removing its registration from ApplicationStopping.
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        return await work.ProcessAsync(time, order.Token);
    }
}
