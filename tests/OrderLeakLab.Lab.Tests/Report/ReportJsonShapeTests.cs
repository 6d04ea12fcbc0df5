using System.Text.Json;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Report;

namespace OrderLeakLab.Lab.Tests.Report;

/// <summary>
/// The field names and their order in verdict.json and timeseries.json are a contract (README, CI gates, the
/// catalog table read them): these tests pin every object's fields, so a change to the DTOs that renames, drops or
/// reorders one fails here first.
/// </summary>
public sealed class ReportJsonShapeTests
{
    private const string Header = "schema title leaklabVersion startedAt partial phases";
    private const string Exit = "t reason exitCode detail uptimeSeconds";

    [Fact]
    public void VerdictJson_Render_WritesEveryContractFieldInOrder()
    {
        using var json = JsonDocument.Parse(VerdictJson.Render(SampleReports.Demo()));
        var root = json.RootElement;
        Assert.Equal($"{Header} expectation targets", Names(root));
        Assert.Equal("loadStartSeconds loadEndSeconds endSeconds", Names(root.GetProperty("phases")));
        Assert.Equal("held exitCode checks", Names(root.GetProperty("expectation")));
        Assert.Equal("target expected actual held", Names(root.GetProperty("expectation").GetProperty("checks")[0]));
        var leaky = root.GetProperty("targets")[0];
        Assert.Equal(
            "name verdict kinds restarts exits memorySlopeBytesPerSecond workersSlopePerSecond projectedTimeToLimitSeconds limitBytes "
            + "baselineRssBytes cooldownRssBytes baselineWorkers cooldownWorkers memoryBasis timeToLimitBasis observedLifetimesSeconds "
            + "missingSamples samples memoryBand evidence",
            Names(leaky));
        Assert.Equal(Exit, Names(leaky.GetProperty("exits")[0]));
        Assert.Equal(["memory", "workers"], leaky.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("minBytes maxBytes medianBytes deviationPercent warmUpSeconds", Names(root.GetProperty("targets")[1].GetProperty("memoryBand")));
    }

    [Fact]
    public void TimeseriesJson_Render_WritesEveryContractFieldInOrder()
    {
        using var json = JsonDocument.Parse(TimeseriesJson.Render(SampleReports.Demo()));
        var root = json.RootElement;
        Assert.Equal($"{Header} targets", Names(root));
        var leaky = root.GetProperty("targets")[0];
        Assert.Equal("name limitBytes samples exits", Names(leaky));
        Assert.Equal(
            "t up rssBytes limitBytes workersInflight gcHeapBytes threads sentPerSecond ok timedOut errors p99Ms workingSetBytes oomKills",
            Names(leaky.GetProperty("samples")[0]));
        Assert.Equal(Exit, Names(leaky.GetProperty("exits")[0]));
    }

    [Fact]
    public void Render_UnknownAndNonFiniteFigures_WrittenAsNullAndTextUnescaped()
    {
        var phases = new RunPhases(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        var sample = new TargetSample(TimeSpan.FromSeconds(1.23456), false, null, null, null, null, null, double.NaN, 0, 0, 0, double.PositiveInfinity);
        var exit = new ExitRecord(TimeSpan.FromSeconds(3.14159), null, ExitReason.Watchdog, "no /healthz — 30 s & <more>", TimeSpan.FromSeconds(2));
        var timeline = new TargetTimeline("api \"é\"", null, [sample], [exit]);
        var report = new RunReport("leaklab soak", DateTimeOffset.UnixEpoch, phases, [timeline], [Lab.Verdict.VerdictEvaluator.Evaluate(timeline, phases)]);

        var text = TimeseriesJson.Render(report);

        using var json = JsonDocument.Parse(text);
        var written = json.RootElement.GetProperty("targets")[0].GetProperty("samples")[0];
        Assert.Equal(1.235, written.GetProperty("t").GetDouble());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("sentPerSecond").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("p99Ms").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("rssBytes").ValueKind);
        Assert.Contains("\"detail\": \"no /healthz — 30 s & <more>\"", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"api \\\"é\\\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"startedAt\": \"1970-01-01T00:00:00+00:00\"", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    private static string Names(JsonElement element) => string.Join(' ', element.EnumerateObject().Select(p => p.Name));
}
