namespace OrderLeakLab.OrderService.Orders;

/// <summary>OrderConfirmation is the 200 answer of <c>POST /orders</c>.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">Always <c>confirmed</c>.</param>
/// <param name="ProcessingMs">Milliseconds from receiving the order to its confirmation.</param>
public sealed record OrderConfirmation(Guid OrderId, string Status, long ProcessingMs);
