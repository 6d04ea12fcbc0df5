namespace OrderLeakLab.OrderService.Orders;

/// <summary>OrderRequest is the body of <c>POST /orders</c>.</summary>
/// <param name="CustomerId">Who orders; required.</param>
/// <param name="Items">The order lines; 1 to 100.</param>
public sealed record OrderRequest(string? CustomerId, IReadOnlyList<OrderLine>? Items);
