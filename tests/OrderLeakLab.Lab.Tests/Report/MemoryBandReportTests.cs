using System.Text.Json;
using OrderLeakLab.Lab.Report;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Tests.Report;

/// <summary>The memory band under load ("within ±x%") is shown for a variant that never restarted and for no other, in every output.</summary>
public sealed class MemoryBandReportTests : IDisposable
{
    private const string Band = "under load after 20s warm-up:";
    private readonly string directory = Directory.CreateTempSubdirectory("leaklab-band-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task WriteAsync_RestartedVariant_NoBandInHtmlMarkdownOrJson()
    {
        // The sample leaky variant is OOM-killed twice; the fixed one runs throughout.
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);

        var md = await File.ReadAllTextAsync(Path.Combine(directory, "summary.md"));
        var leakyMd = md[md.IndexOf("**leaky —", StringComparison.Ordinal)..md.IndexOf("**fixed —", StringComparison.Ordinal)];
        var fixedMd = md[md.IndexOf("**fixed —", StringComparison.Ordinal)..];
        Assert.DoesNotContain(Band, leakyMd, StringComparison.Ordinal);
        Assert.Contains($"- RSS {Band} ", fixedMd, StringComparison.Ordinal);

        var html = await File.ReadAllTextAsync(Path.Combine(directory, "report.html"));
        var leakyHtml = html[html.IndexOf("<h3>leaky:", StringComparison.Ordinal)..html.IndexOf("<h3>fixed:", StringComparison.Ordinal)];
        var fixedHtml = html[html.IndexOf("<h3>fixed:", StringComparison.Ordinal)..];
        Assert.DoesNotContain(Band, leakyHtml, StringComparison.Ordinal);
        Assert.Contains($"<li>RSS {Band} ", fixedHtml, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "verdict.json")));
        var targets = json.RootElement.GetProperty("targets");
        Assert.Equal(JsonValueKind.Null, targets[0].GetProperty("memoryBand").ValueKind);
        Assert.DoesNotContain(targets[0].GetProperty("evidence").EnumerateArray(), e => e.GetString()!.Contains(Band, StringComparison.Ordinal));
        var band = targets[1].GetProperty("memoryBand");
        Assert.InRange(band.GetProperty("minBytes").GetInt64(), 100L << 20, band.GetProperty("medianBytes").GetInt64());
        Assert.InRange(band.GetProperty("maxBytes").GetInt64(), band.GetProperty("medianBytes").GetInt64(), 140L << 20);
        Assert.Equal(20, band.GetProperty("warmUpSeconds").GetDouble());
    }

    [Fact]
    public void Write_RestartedVariant_NoBandInTheConsoleSummary()
    {
        var report = SampleReports.Demo();
        var output = new StringWriter();
        RunSummary.Write(output, report, [Attached("leaky"), Attached("fixed")]);

        var text = output.ToString();
        var leaky = text[text.IndexOf("leaky: LEAK", StringComparison.Ordinal)..text.IndexOf("fixed: FLAT", StringComparison.Ordinal)];
        Assert.DoesNotContain(Band, leaky, StringComparison.Ordinal);
        Assert.Contains($"  - RSS {Band} ", text[text.IndexOf("fixed: FLAT", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private static RunTarget Attached(string name) => new(new TargetPlan(name, new Uri("http://127.0.0.1:1/")), null, new NoSource());

    private sealed class NoSource : ISampleSource
    {
        public string Description => "none";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(MetricsReading.Down);
    }
}
