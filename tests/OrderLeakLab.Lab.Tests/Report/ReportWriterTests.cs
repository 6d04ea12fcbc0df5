using System.Text.Json;
using OrderLeakLab.Lab.Report;

namespace OrderLeakLab.Lab.Tests.Report;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("leaklab-report-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task WriteAsync_CompleteRun_WritesTheFourFiles()
    {
        var paths = await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        Assert.Equal(["report.html", "summary.md", "timeseries.json", "verdict.json"], paths.Select(p => Path.GetFileName(p)!).Order().ToArray());
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public async Task WriteAsync_VerdictJson_HasTheContractFields()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "verdict.json")));
        var root = json.RootElement;
        Assert.Equal("orderleaklab.verdict.v1", root.GetProperty("schema").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("partial").ValueKind);
        Assert.True(root.GetProperty("expectation").GetProperty("held").GetBoolean());
        var leaky = root.GetProperty("targets")[0];
        Assert.Equal("leak", leaky.GetProperty("verdict").GetString());
        Assert.Equal(2, leaky.GetProperty("restarts").GetInt32());
        Assert.Equal("OOMKilled", leaky.GetProperty("exits")[0].GetProperty("reason").GetString());
        Assert.True(leaky.GetProperty("exits")[0].GetProperty("t").GetDouble() > 10);
        Assert.True(leaky.GetProperty("memorySlopeBytesPerSecond").GetDouble() > 7 * 1024 * 1024);
        Assert.InRange(leaky.GetProperty("projectedTimeToLimitSeconds").GetDouble(), 19, 25);
        Assert.Equal("flat", root.GetProperty("targets")[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task WriteAsync_TimeseriesJson_KeepsEverySampleAndGapsAsNull()
    {
        var report = SampleReports.Demo();
        await ReportWriter.WriteAsync(report, directory);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "timeseries.json")));
        var leaky = json.RootElement.GetProperty("targets")[0];
        Assert.Equal("orderleaklab.timeseries.v1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("phases").GetProperty("loadStartSeconds").GetDouble());
        var samples = leaky.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(report.Timelines[0].Samples.Count, samples.Count);
        var down = samples.First(s => !s.GetProperty("up").GetBoolean());
        Assert.Equal(JsonValueKind.Null, down.GetProperty("rssBytes").ValueKind);
        Assert.Equal(2, leaky.GetProperty("exits").GetArrayLength());
    }

    [Fact]
    public async Task WriteAsync_Summary_FitsAJobSummaryWithVerdictTable()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        var md = await File.ReadAllTextAsync(Path.Combine(directory, "summary.md"));
        Assert.Contains("| leaky | **LEAK (memory, workers)** | 2 | OOMKilled @", md, StringComparison.Ordinal);
        Assert.Contains("| fixed | **FLAT** | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("✅ **expectation held", md, StringComparison.Ordinal);
        Assert.Contains("`Task.Delay <pipe\\|test>`", md, StringComparison.Ordinal);
        Assert.True(md.Length < 16 * 1024);
    }

    [Fact]
    public async Task WriteAsync_PartialRun_IsMarkedInEveryFile()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(partial: "interrupted at 42s of 100s"), directory);
        Assert.Contains("PARTIAL REPORT — interrupted at 42s", await File.ReadAllTextAsync(Path.Combine(directory, "report.html")), StringComparison.Ordinal);
        Assert.Contains("**PARTIAL REPORT** — interrupted at 42s", await File.ReadAllTextAsync(Path.Combine(directory, "summary.md")), StringComparison.Ordinal);
        foreach (var file in new[] { "verdict.json", "timeseries.json" })
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, file)));
            Assert.Equal("interrupted at 42s of 100s", json.RootElement.GetProperty("partial").GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_InterruptedBeforeAnySample_StillWritesAMarkedReport()
    {
        var phases = new Lab.Model.RunPhases(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        var timeline = new Lab.Model.TargetTimeline("leaky", null, [], []);
        var verdict = Lab.Verdict.VerdictEvaluator.Evaluate(timeline, phases);
        var report = new Lab.Model.RunReport("leaklab demo", DateTimeOffset.UnixEpoch, phases, [timeline], [verdict], Partial: "interrupted at 0s of 190s");

        await ReportWriter.WriteAsync(report, directory);

        Assert.Equal(Lab.Verdict.VerdictOutcome.Flat, verdict.Outcome);
        Assert.Contains("too few samples", verdict.Evidence[^1], StringComparison.Ordinal);
        Assert.Contains("PARTIAL REPORT", await File.ReadAllTextAsync(Path.Combine(directory, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Html_IsSelfContainedAndEscapesText()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        var html = await File.ReadAllTextAsync(Path.Combine(directory, "report.html"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("Task.Delay &lt;pipe|test&gt;", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("<svg id=\"chart-", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task WriteAsync_MissingSamples_ShadedInEveryChartAndCountedInEveryVerdict()
    {
        // The sample leaky variant is down 2 s after each of its two OOM kills: 4 missing samples.
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);

        var html = await File.ReadAllTextAsync(Path.Combine(directory, "report.html"));
        var charts = html.Split("<svg id=\"chart-", StringSplitOptions.None).Skip(1).ToList();
        Assert.Equal(4, charts.Count);
        Assert.All(charts, chart => Assert.Equal(2, chart.Split("<g class=\"gap\"><title>leaky: no /metrics", StringSplitOptions.None).Length - 1));
        Assert.Contains("<td>4 of 101</td>", html, StringComparison.Ordinal);
        Assert.Contains("<li>4 of 101 samples missing: /metrics did not answer (4 while the process was down)</li>", html, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(Path.Combine(directory, "summary.md"));
        Assert.Contains("- 4 of 101 samples missing: /metrics did not answer", md, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "verdict.json")));
        var targets = json.RootElement.GetProperty("targets");
        Assert.Equal((4, 101), (targets[0].GetProperty("missingSamples").GetInt32(), targets[0].GetProperty("samples").GetInt32()));
        Assert.Equal(0, targets[1].GetProperty("missingSamples").GetInt32());
    }

    [Fact]
    public async Task WriteAsync_OomLoop_TimeToLimitBesideTheObservedLifetimes()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "verdict.json")));
        var leaky = json.RootElement.GetProperty("targets")[0];
        Assert.Equal([22.0, 22.0], leaky.GetProperty("observedLifetimesSeconds").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("slope", leaky.GetProperty("timeToLimitBasis").GetString());
        Assert.Contains(leaky.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.StartsWith("observed lifetimes under load before the 256.0 MiB limit: 22 s (median 22 s, 2 memory exit(s)); the slope projects", StringComparison.Ordinal));
    }
}
