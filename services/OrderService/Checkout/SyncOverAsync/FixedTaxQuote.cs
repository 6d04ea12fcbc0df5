using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.SyncOverAsync;

/// <summary>
/// FixedTaxQuote is <see cref="LeakyTaxQuote"/> with the fix: the checkout awaits the tax service's quote, so its thread
/// goes back to the pool while the call is out.
/// </summary>
public sealed class FixedTaxQuote(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        // FIX: `await` releases the thread while the call is out; the pool serves other requests meanwhile.
        return await work.ProcessAsync(time, order.Token);
    }
}
