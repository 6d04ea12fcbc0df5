using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.UnstoppedTimer;

/// <summary>
/// LeakyStockReservation (Go's unstopped ticker): each order reserves its stock and starts a timer that refreshes the
/// reservation every <see cref="OrdersOptions.PollInterval"/> — and never stops it. <see cref="FixedStockReservation"/>
/// differs only in disposing the timer when the order ends.
/// </summary>
public sealed class LeakyStockReservation(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var reservation = new StockReservation(work.Order, time);
        var interval = options.Value.PollInterval;
        // LEAK: the refresh timer is never disposed: the runtime's timer queue keeps it, and the reservation it refreshes,
        // alive and firing every interval for as long as the process lives.
        var refresh = time.CreateTimer(static state => ((StockReservation)state!).Refresh(), reservation, interval, interval);
        return await work.ProcessAsync(time, order.Token);
    }
}
