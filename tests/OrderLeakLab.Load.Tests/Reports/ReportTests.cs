using System.Text.Json;
using OrderLeakLab.Load.Reports;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Tests.TestSupport;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Tests.Reports;

public class ReportTests
{
    private static async Task<LoadResult> RunAsync()
    {
        var clock = new TimerCountingTimeProvider();
        var scenario = Scenario.Create("leaky", (c, _) => ValueTask.FromResult(c.InvocationNumber % 10 < 6 ? StepResult.Fail(504) : StepResult.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)))
            .WithThresholds(Threshold.FailPercentBelow(5), Threshold.LatencyBelow(99, TimeSpan.FromMilliseconds(800)));
        return await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([scenario]), TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task JsonReport_Write_HasSchemaOneAndDocumentedFields()
    {
        var result = await RunAsync();

        using var document = JsonDocument.Parse(JsonReport.Serialize(result));

        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.False(root.GetProperty("passed").GetBoolean());
        var scenario = root.GetProperty("scenarios")[0];
        Assert.Equal("leaky", scenario.GetProperty("name").GetString());
        var total = scenario.GetProperty("total");
        Assert.Equal(100, total.GetProperty("sent").GetInt64());
        Assert.Equal(60, total.GetProperty("statusCodes").GetProperty("504").GetInt64());
        Assert.Equal(60, total.GetProperty("failPercent").GetDouble());
        foreach (var field in new[] { "completed", "ok", "fail", "timeouts", "connectionErrors", "dropped", "errors", "sentPerSecond", "completedPerSecond", "durationSeconds" })
        {
            Assert.True(total.TryGetProperty(field, out _), field);
        }

        foreach (var p in new[] { "p50", "p75", "p95", "p99", "max", "mean" })
        {
            Assert.True(total.GetProperty("latencyMs").TryGetProperty(p, out _), p);
            Assert.True(total.GetProperty("scheduleLagMs").TryGetProperty(p, out _), p);
        }

        var threshold = scenario.GetProperty("thresholds")[0];
        Assert.Equal("fail% < 5", threshold.GetProperty("description").GetString());
        Assert.False(threshold.GetProperty("passed").GetBoolean());
        var interval = scenario.GetProperty("intervals")[1];
        Assert.Equal(1, interval.GetProperty("index").GetInt32());
        Assert.Equal(1, interval.GetProperty("startSeconds").GetDouble());
        Assert.Equal(50, interval.GetProperty("stats").GetProperty("sent").GetInt64());
        Assert.True(scenario.GetProperty("intervals")[2].GetProperty("final").GetBoolean());
    }

    [Fact]
    public async Task MarkdownReport_Render_ShowsVerdictTotalsAndThresholds()
    {
        var markdown = MarkdownReport.Render(await RunAsync());

        Assert.StartsWith("# Load run FAILED", markdown);
        Assert.Contains("| leaky | 50.0 | 40 | 60 | 200:40 504:60 |", markdown);
        Assert.Contains("| leaky | `fail% < 5` | ❌ failed | 60 |", markdown);
        Assert.Contains("| leaky | `p99 < 800ms` | ✅ passed |", markdown);
    }

    [Fact]
    public async Task ConsoleReport_FormatSummary_SaysFailedAndWhy()
    {
        var result = await RunAsync();

        var summary = ConsoleReport.FormatSummary(result);
        var line = ConsoleReport.FormatInterval(result["leaky"].Intervals[0]);

        Assert.Contains("threshold fail% < 5: FAILED", summary);
        Assert.EndsWith("FAILED: a threshold was not met", summary);
        Assert.Contains("sent     50/s", line);
        Assert.Contains("(200:20 504:30)", line);
    }

    [Fact]
    public async Task ReportWriter_WriteAsync_WritesBothFiles()
    {
        var directory = Directory.CreateTempSubdirectory("loadreport-");
        try
        {
            var (json, markdown) = await ReportWriter.WriteAsync(directory.FullName, await RunAsync());

            Assert.Equal(ReportWriter.JsonFileName, Path.GetFileName(json));
            Assert.Equal(1, JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("schema").GetInt32());
            Assert.Contains("# Load run", await File.ReadAllTextAsync(markdown));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
