using OrderLeakLab.Inspect.Diff;
using OrderLeakLab.Inspect.Heap;
using OrderLeakLab.Inspect.Rendering;

namespace OrderLeakLab.Inspect.Tests.Diff;

/// <summary>The type half of <c>inspect --diff</c>: types that grew under load and stayed, application apart from framework.</summary>
public class TypeDiffTests
{
    private const string Receipt = "Shop.Orders.OrderReceipt";
    private const string Handle = "Shop.Orders.WorkerHandle";
    private const string Strings = "System.String";
    private const string Buffers = "System.Byte[]";

    [Fact]
    public void Compute_TypesGrewAndStayed_ListedLargestFirstApplicationApartFromFramework()
    {
        var diff = InspectionDiff.Compute(
            Report((Receipt, 10, 1_000), (Handle, 10, 400), (Strings, 100, 5_000), (Buffers, 5, 50_000)),
            Report((Receipt, 5_010, 501_000), (Handle, 5_010, 200_400), (Strings, 9_000, 400_000), (Buffers, 900, 9_000_000)),
            Report((Receipt, 3_010, 301_000), (Handle, 3_010, 120_400), (Strings, 2_100, 95_000), (Buffers, 5, 50_000)));

        Assert.Equal([Receipt, Handle], diff.ApplicationTypes.Select(t => t.Type));
        Assert.Equal((3_000L, 300_000L), (diff.ApplicationTypes[0].CountKept, diff.ApplicationTypes[0].BytesKept));
        Assert.Equal([Strings], diff.FrameworkTypes.Select(t => t.Type)); // the buffers came back: not kept
        Assert.DoesNotContain(diff.Types, t => t.Type == Buffers);
    }

    [Fact]
    public void Write_TypeTables_PrintsKeptTypesUnderTheirHeadings()
    {
        var diff = InspectionDiff.Compute(
            Report((Receipt, 10, 1_000), (Strings, 100, 5_000)),
            Report((Receipt, 5_010, 501_000), (Strings, 9_000, 400_000)),
            Report((Receipt, 3_010, 301_000), (Strings, 100, 5_000)));
        var text = new StringWriter();

        DiffTextWriter.Write(text, diff);

        var lines = text.ToString().Split('\n');
        var application = Array.FindIndex(lines, l => l.Trim() == "application:");
        Assert.True(application > 0, text.ToString());
        Assert.Contains("OrderReceipt", lines[application + 1], StringComparison.Ordinal);
        Assert.Contains("(10 → 5,010 → 3,010)", lines[application + 1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Trim().StartsWith("framework", StringComparison.Ordinal) && l.TrimEnd().EndsWith("none", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_Diff_CarriesApplicationAndFrameworkTypes()
    {
        var diff = InspectionDiff.Compute(Report((Receipt, 1, 100), (Strings, 1, 10)), Report((Receipt, 9, 900), (Strings, 9, 90)), Report((Receipt, 5, 500), (Strings, 5, 50)));

        using var json = System.Text.Json.JsonDocument.Parse(InspectionJson.Serialize(diff));

        Assert.Equal("orderleaklab.inspect-diff.v1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("orderleaklab.inspect.v2", json.RootElement.GetProperty("afterCooldown").GetProperty("schema").GetString());
        Assert.Equal(Receipt, json.RootElement.GetProperty("applicationTypes")[0].GetProperty("type").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("applicationTypes")[0].GetProperty("countKept").GetInt64());
        Assert.Equal(Strings, json.RootElement.GetProperty("frameworkTypes")[0].GetProperty("type").GetString());
    }

    private static InspectionReport Report(params (string Type, long Count, long Bytes)[] types) =>
        new(1, DateTimeOffset.UnixEpoch, "snapshot", null, true, TimeSpan.Zero, TimeSpan.Zero, 0, [], [], [])
        {
            HeapTypes = types.Select(t => new HeapTypeStat(t.Type, t.Count, t.Bytes, !t.Type.StartsWith("System.", StringComparison.Ordinal))).ToList(),
        };
}
