using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>OrderReceipt is a worker's result: the priced order.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="LineTotals">Quantity × unit price per line.</param>
/// <param name="Total">Sum of the line totals.</param>
public sealed record OrderReceipt(Guid OrderId, IReadOnlyList<decimal> LineTotals, decimal Total)
{
    /// <summary>Prices <paramref name="work"/>'s order (validated, so no overflow).</summary>
    public static OrderReceipt Price(OrderWork work)
    {
        var lines = work.Order.Items ?? [];
        var totals = lines.Select(l => l.Quantity * l.UnitPrice).ToArray();
        return new OrderReceipt(work.OrderId, totals, totals.Sum());
    }
}
