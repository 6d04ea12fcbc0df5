using System.Text.Json;
using OrderLeakLab.Scenarios;

namespace OrderLeakLab.LoadTests.Tests.Scenarios;

public class OrderGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameBodies()
    {
        Assert.Equal(OrderGenerator.Generate(7, 50), OrderGenerator.Generate(7, 50));
        Assert.NotEqual(OrderGenerator.Generate(7, 50), OrderGenerator.Generate(8, 50));
    }

    [Fact]
    public void Generate_Bodies_FollowTheOrderContract()
    {
        var lineCounts = new HashSet<int>();
        foreach (var body in OrderGenerator.Generate(42, 2000))
        {
            using var order = JsonDocument.Parse(body);
            Assert.StartsWith("cust-", order.RootElement.GetProperty("customerId").GetString());
            var items = order.RootElement.GetProperty("items");
            lineCounts.Add(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                Assert.Matches("^SKU-[0-9]{5}$", item.GetProperty("sku").GetString());
                Assert.InRange(item.GetProperty("quantity").GetInt32(), 1, 10);
                Assert.InRange(item.GetProperty("unitPrice").GetDecimal(), 0.99m, 199.99m);
            }
        }

        Assert.Equal(Enumerable.Range(1, 20), lineCounts.Order());
    }
}
