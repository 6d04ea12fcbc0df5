using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Checkout.UnstoppedTimer;

/// <summary>
/// StockReservation holds an order's articles in the warehouse while the order is processed. The warehouse drops a
/// reservation that is not refreshed, so a timer refreshes it every <c>Orders__PollInterval</c>.
/// </summary>
/// <param name="order">The order whose lines are reserved.</param>
/// <param name="time">The clock.</param>
public sealed class StockReservation(OrderRequest order, TimeProvider time)
{
    /// <summary>How long the warehouse keeps a reservation that is not refreshed.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>The reserved lines.</summary>
    public IReadOnlyList<OrderLine> Lines { get; } = order.Items ?? [];

    /// <summary>When the warehouse would drop the reservation.</summary>
    public DateTimeOffset ExpiresAt { get; private set; } = time.GetUtcNow() + Lease;

    /// <summary>How many units are held.</summary>
    public int Units { get; private set; }

    /// <summary>Extends the lease of every line (the timer's callback).</summary>
    public void Refresh()
    {
        var units = 0;
        foreach (var line in Lines)
        {
            units += line.Quantity;
        }

        Units = units;
        ExpiresAt = time.GetUtcNow() + Lease;
    }
}
