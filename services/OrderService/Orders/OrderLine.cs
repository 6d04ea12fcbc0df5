namespace OrderLeakLab.OrderService.Orders;

/// <summary>OrderLine is one line of an <see cref="OrderRequest"/>.</summary>
/// <param name="Sku">The article; required.</param>
/// <param name="Quantity">How many; 1 to 10 000.</param>
/// <param name="UnitPrice">Price per piece; 0 to 1 000 000.</param>
public sealed record OrderLine(string? Sku, int Quantity, decimal UnitPrice);
