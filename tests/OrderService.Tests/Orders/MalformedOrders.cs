using System.Text;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Orders;

/// <summary>MalformedOrders generates broken <c>POST /orders</c> bodies from a seed: truncations, flipped characters, wrong types, out-of-range values, invalid UTF-8, deep nesting.</summary>
internal static class MalformedOrders
{
    private const string Noise = "{}[]:,\"\\ a1-.e\t\u00e9";

    private static readonly (string From, string To)[] Swaps =
    [
        ("\"quantity\":1", "\"quantity\":\"x\""), ("\"quantity\":1", "\"quantity\":0"), ("\"quantity\":1", "\"quantity\":-1"),
        ("\"quantity\":1", "\"quantity\":1.5"), ("\"quantity\":1", "\"quantity\":99999999999"), ("\"quantity\":1", "\"quantity\":null"),
        ("\"unitPrice\":3.5", "\"unitPrice\":-0.01"), ("\"unitPrice\":3.5", "\"unitPrice\":1e400"), ("\"unitPrice\":3.5", "\"unitPrice\":\"cheap\""),
        ("\"customerId\":\"customer-0042\"", "\"customerId\":5"), ("\"customerId\":\"customer-0042\"", "\"customerId\":\"\""),
        ("\"sku\":\"SKU-00000\"", "\"sku\":\"\""), ("\"sku\":\"SKU-00000\"", "\"sku\":[]"), ("\"items\":[", "\"items\":{\"a\":["),
        ("\"items\":[", "\"nope\":["), ("{\"customerId\"", "[{\"customerId\""),
    ];

    public static IEnumerable<byte[]> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var valid = SampleOrders.Valid(5);
        for (var i = 0; i < count; i++)
        {
            yield return (i % 8) switch
            {
                0 => Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length - 1)]),
                1 => Encoding.UTF8.GetBytes(Mutate(valid, random, replace: true)),
                2 => Encoding.UTF8.GetBytes(Mutate(valid, random, replace: false)),
                3 or 4 => Encoding.UTF8.GetBytes(Swap(valid, Swaps[random.Next(Swaps.Length)])),
                5 => RandomBytes(random),
                6 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 2000)) + new string(']', random.Next(0, 2000))),
                _ => Encoding.UTF8.GetBytes(Special(random, valid)),
            };
        }
    }

    private static string Mutate(string s, Random random, bool replace)
    {
        var at = random.Next(s.Length);
        var c = Noise[random.Next(Noise.Length)];
        return replace ? s[..at] + c + s[(at + 1)..] : s[..at] + c + s[at..];
    }

    private static string Swap(string s, (string From, string To) swap)
    {
        var at = s.IndexOf(swap.From, StringComparison.Ordinal);
        return at < 0 ? s + "x" : s[..at] + swap.To + s[(at + swap.From.Length)..];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Special(Random random, string valid) => random.Next(8) switch
    {
        0 => "",
        1 => "null",
        2 => "   ",
        3 => "\"an order\"",
        4 => "{\"customerId\":\"c\",\"items\":[]}",
        5 => "{\"customerId\":\"c\",\"items\":[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}", 101)) + "]}",
        6 => valid + valid,
        _ => "{\"customerId\":\"c\",\"items\":[null]}",
    };
}
