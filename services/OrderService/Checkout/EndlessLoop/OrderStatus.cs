namespace OrderLeakLab.OrderService.Checkout.EndlessLoop;

/// <summary>
/// OrderStatus is what the order-tracking page shows while an order is processed; a poller refreshes it from the
/// payment provider every <c>Orders__PollInterval</c>.
/// </summary>
/// <param name="orderId">The order's id.</param>
public sealed class OrderStatus(Guid orderId)
{
    /// <summary>The order's id.</summary>
    public Guid OrderId { get; } = orderId;

    /// <summary>How many times it was polled.</summary>
    public long Polls { get; private set; }

    /// <summary>When it was last polled.</summary>
    public DateTimeOffset LastPolled { get; private set; }

    /// <summary>Records one poll of the payment provider.</summary>
    public void Poll(DateTimeOffset now)
    {
        Polls++;
        LastPolled = now;
    }
}
