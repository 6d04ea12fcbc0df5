using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;
using Spectre.Console;

namespace OrderLeakLab.Lab.Tests.Live;

public class LiveLayoutTests
{
    private sealed class OneReading(MetricsReading reading) : ISampleSource
    {
        public string Description => "one reading";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(reading);
    }

    private static async Task<RunTarget> VariantAsync(string name, long mib, long workers)
    {
        var v = new RunTarget(
            new TargetPlan(name, new Uri("http://127.0.0.1:5001/")),
            new Supervisor(name, new LaunchSpec("true", [], new Dictionary<string, string?>(), null), null, new SupervisorOptions(), TimeProvider.System),
            new OneReading(new MetricsReading(true, mib << 20, 256L << 20, workers, null, null)));
        v.OnLoadTick(new LoadTick(name, 1000, 400, 600, 0, 512));
        await v.SampleAsync(TimeSpan.FromSeconds(42), CancellationToken.None);
        return v;
    }

    private static async Task<List<string>> RenderAsync(int width, int height)
    {
        var snapshot = new DemoSnapshot(TimeSpan.FromSeconds(42), "load 30s/3m", 256L << 20, [await VariantAsync("leaky", 212, 15_000), await VariantAsync("fixed", 140, 310)]);
        var events = Enumerable.Range(1, 40).Select(i => $"12:00:{i:00} event {i}: leaky: pid 4242 exited after 35.3s: OomKilled (exit 137, cgroup oom_kill {i}→{i + 1})").ToList();
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(LiveLayout.Build("leaklab demo", snapshot, events, width, height));
        return [.. writer.ToString().TrimEnd('\n').Split('\n')];
    }

    [Fact]
    public async Task Build_80x24_HeaderEveryVariantAndTheLatestEventsFit()
    {
        var lines = await RenderAsync(80, 24);

        Assert.InRange(lines.Count, 20, 23); // one row is left for the cursor below the frame
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.StartsWith("leaklab demo  42s  load 30s/3m  limit 256Mi each", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^leaky  [█░]{8} 212/256Mi 0\s+15,000\s+400\s+512ms pending$", lines[2]);
        Assert.Matches(@"^fixed  [█░]{8} 140/256Mi 0\s+310\s+400\s+512ms pending$", lines[3]);
        Assert.StartsWith("12:00:40 event 40:", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_LargerTerminal_AddsSparklinesAndMoreEvents()
    {
        var small = await RenderAsync(80, 24);
        var large = await RenderAsync(140, 50);

        Assert.True(large.Count(l => l.Contains(" event ", StringComparison.Ordinal)) > small.Count(l => l.Contains(" event ", StringComparison.Ordinal)) + 20);
        Assert.Matches(@"pending  [▁▂▃▄▅▆▇█]+$", large[2]);
        Assert.EndsWith("pending", small[2], StringComparison.Ordinal);
        Assert.All(large, line => Assert.True(line.Length <= 140, line));
    }
}
