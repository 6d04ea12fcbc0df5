using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.SyncOverAsync;

/// <summary>
/// LeakyTaxQuote (blocking on async): the checkout asks the tax service for a quote — an async call — and blocks its
/// thread-pool thread until the answer comes. <see cref="FixedTaxQuote"/> differs only in awaiting it.
/// </summary>
public sealed class LeakyTaxQuote(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        // LEAK: .GetAwaiter().GetResult() holds this thread-pool thread for the whole call; at 1000 orders/s the pool runs
        // out of threads, adds about one a second, and requests queue behind the blocked ones (starvation, not OOM).
        return Task.FromResult(work.ProcessAsync(time, order.Token).GetAwaiter().GetResult());
    }
}
