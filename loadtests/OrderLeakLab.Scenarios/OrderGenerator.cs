using System.Globalization;
using System.Text;

namespace OrderLeakLab.Scenarios;

/// <summary>
/// OrderGenerator makes realistic, repeatable order bodies (DESIGN §4): 1–20 lines, SKUs from a catalogue,
/// mostly small quantities, prices with cents. The same seed yields the same bodies.
/// </summary>
internal static class OrderGenerator
{
    private const int CatalogueSize = 5000;

    /// <summary>Generates <paramref name="count"/> UTF-8 JSON bodies from <paramref name="seed"/>.</summary>
    public static byte[][] Generate(int seed, int count)
    {
        var random = new Random(seed);
        var bodies = new byte[count][];
        var json = new StringBuilder(2048);
        for (var i = 0; i < count; i++)
        {
            json.Clear();
            json.Append(CultureInfo.InvariantCulture, $"{{\"customerId\":\"cust-{random.Next(1, 100_000):D6}\",\"items\":[");
            var lines = random.Next(1, 21);
            for (var line = 0; line < lines; line++)
            {
                var sku = random.Next(1, CatalogueSize + 1);
                var quantity = random.NextDouble() < 0.7 ? 1 : random.Next(2, 11);
                var price = Math.Round(0.99 + random.NextDouble() * 199, 2);
                json.Append(line == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"sku\":\"SKU-{sku:D5}\",\"quantity\":{quantity},\"unitPrice\":{price:0.00}}}");
            }

            json.Append("]}");
            bodies[i] = Encoding.UTF8.GetBytes(json.ToString());
        }

        return bodies;
    }
}
