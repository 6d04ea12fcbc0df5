using System.Globalization;
using System.Text.Json;

namespace OrderService.Tests.Fixtures;

/// <summary>SampleOrders builds request bodies for <c>POST /orders</c>.</summary>
public static class SampleOrders
{
    /// <summary>A valid order with <paramref name="lines"/> lines (20 lines ≈ 1.2 KB, the load generator's size).</summary>
    public static string Valid(int lines = 20) => JsonSerializer.Serialize(new
    {
        customerId = "customer-0042",
        items = Enumerable.Range(0, lines).Select(i => new
        {
            sku = "SKU-" + i.ToString("00000", CultureInfo.InvariantCulture),
            quantity = i % 5 + 1,
            unitPrice = 3.5m + i * 1.25m,
        }),
    });
}
