using OrderLeakLab.Common;
using System.Text.Json;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Tests.Soak;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Run;

/// <summary>The pipeline with attached targets only (what <c>soak --target</c> runs): partial reports and gaps.</summary>
public sealed class RunPipelineTests : IDisposable
{
    private readonly string _report = Directory.CreateTempSubdirectory("leaklab-run-").FullName;

    public void Dispose() => Directory.Delete(_report, recursive: true);

    [Fact]
    public async Task RunAsync_Cancelled_WritesPartialReportWithWhatWasSeen()
    {
        await using var target = await FakeTarget.StartAsync(_ => (64, 0));
        using var cts = new CancellationTokenSource();
        var view = new AnsweredView();
        var run = RunAsync(
            Plan(new TargetPlan("app", target.BaseUrl) { MetricsUrl = new Uri(target.BaseUrl, "metrics") }, rate: 50, duration: TimeSpan.FromSeconds(60), cooldown: TimeSpan.FromSeconds(10)),
            cts.Token,
            view);

        // On a busy machine a scrape can outlast its 2 s timeout and the first 20 orders: wait for one the run recorded.
        await Eventually.UntilAsync(() => target.Orders > 20 && view.Answered, TimeSpan.FromSeconds(60), "orders to arrive and a scrape answered");
        cts.Cancel();
        Assert.Equal(ExitCodes.Interrupted, await run);

        using var verdict = await ReadJsonAsync("verdict.json");
        Assert.StartsWith("interrupted (cancelled) at", verdict.RootElement.GetProperty("partial").GetString(), StringComparison.Ordinal);
        Assert.Single(verdict.RootElement.GetProperty("targets").EnumerateArray());
        var samples = await SamplesAsync();
        // Every scrape that answered says 64 MiB; one that timed out on a busy machine is a gap, never a zero.
        var answered = samples.Where(s => s.GetProperty("up").GetBoolean()).ToList();
        Assert.NotEmpty(answered);
        Assert.All(answered, s => Assert.Equal(64L * 1024 * 1024, s.GetProperty("rssBytes").GetInt64()));
        Assert.All(samples.Except(answered), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("rssBytes").ValueKind));
        Assert.Contains("PARTIAL REPORT", await File.ReadAllTextAsync(Path.Combine(_report, "report.html")), StringComparison.Ordinal);

        // The load stopped with the run: no order arrives once it has returned.
        var after = target.Orders;
        await Task.Delay(1500);
        Assert.InRange(target.Orders - after, 0, 5);
    }

    [Fact]
    public async Task RunAsync_TargetDown_SamplesAreGapsNotZeros()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var exit = await RunAsync(Plan(new TargetPlan("gone", url), rate: 5, duration: TimeSpan.FromSeconds(2), cooldown: TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        var samples = await SamplesAsync();
        Assert.True(samples.Count >= 4, $"{samples.Count} samples");
        Assert.All(samples, s => Assert.False(s.GetProperty("up").GetBoolean()));
        Assert.All(samples, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("rssBytes").ValueKind));
        Assert.True(samples.Sum(s => s.GetProperty("errors").GetInt64() + s.GetProperty("timedOut").GetInt64()) > 0);
    }

    private RunPlan Plan(TargetPlan target, int rate, TimeSpan duration, TimeSpan cooldown) => new()
    {
        Title = "leaklab soak",
        Targets = [target],
        Rate = rate,
        Baseline = TimeSpan.FromSeconds(1),
        Duration = duration,
        Cooldown = cooldown,
        ReportDirectory = _report,
    };

    private static async Task<int> RunAsync(RunPlan plan, CancellationToken cancellationToken, IDemoView? view = null)
    {
        await using var shown = view ?? new PlainView(TextWriter.Null);
        return await new RunPipeline(plan, new LoadDriver(plan.Load), shown, TimeProvider.System).RunAsync(cancellationToken);
    }

    /// <summary>A view that notes when the run has recorded an answered sample.</summary>
    private sealed class AnsweredView : IDemoView
    {
        private volatile bool _answered;

        public bool Answered => _answered;

        public void Log(string line)
        {
        }

        public void Render(DemoSnapshot snapshot) => _answered |= snapshot.Variants.Any(v => v.Samples.Any(s => s.Up));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private async Task<JsonDocument> ReadJsonAsync(string file) => JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_report, file)));

    private async Task<List<JsonElement>> SamplesAsync()
    {
        using var series = await ReadJsonAsync("timeseries.json");
        return [.. series.RootElement.GetProperty("targets")[0].GetProperty("samples").EnumerateArray().Select(s => s.Clone())];
    }
}
