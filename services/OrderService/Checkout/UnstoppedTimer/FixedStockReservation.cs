using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.UnstoppedTimer;

/// <summary>
/// FixedStockReservation is <see cref="LeakyStockReservation"/> with the fix: the refresh timer is disposed when the order
/// ends, so its lifetime is the order's — Go's <c>defer ticker.Stop()</c>.
/// </summary>
public sealed class FixedStockReservation(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var reservation = new StockReservation(work.Order, time);
        var interval = options.Value.PollInterval;
        // FIX: `using` disposes the timer when the order ends, confirmed or not, which takes it off the timer queue.
        using var refresh = time.CreateTimer(static state => ((StockReservation)state!).Refresh(), reservation, interval, interval);
        return await work.ProcessAsync(time, order.Token);
    }
}
