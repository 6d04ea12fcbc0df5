using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// OrderWork is everything a worker holds while it runs: the parsed order and its raw body (kept, as real
/// workers keep them, for the audit trail), plus how long its work takes.
/// </summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Order">The parsed, validated order.</param>
/// <param name="Body">The request body as received.</param>
/// <param name="Duration">How long the simulated work lasts.</param>
public sealed record OrderWork(Guid OrderId, OrderRequest Order, byte[] Body, TimeSpan Duration);
