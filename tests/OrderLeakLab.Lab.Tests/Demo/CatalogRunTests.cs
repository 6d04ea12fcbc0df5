using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class CatalogRunTests : IDisposable
{
    private readonly DirectoryInfo _reports = Directory.CreateTempSubdirectory("leaklab-catalog-");

    public void Dispose() => _reports.Delete(recursive: true);

    private static Task<int> Verdicts(string folder, string leaky, string leakyKinds, string @fixed, int exitCode)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "verdict.json"), $$"""
            {"schema":"orderleaklab.verdict.v1","targets":[
              {"name":"leaky","verdict":"{{leaky}}","kinds":[{{leakyKinds}}]},
              {"name":"fixed","verdict":"{{@fixed}}","kinds":[]}]}
            """);
        return Task.FromResult(exitCode);
    }

    [Fact]
    public async Task RunAsync_EveryPatternHeld_PrintsOneRowPerPatternWithKindsAndExitsZero()
    {
        var output = new StringWriter();
        var run = new CatalogRun((pattern, folder, _) => pattern == "sync-over-async"
            ? Verdicts(folder, "leak", "\"threads\"", "flat", 0)
            : Verdicts(folder, "leak", "\"memory\",\"workers\"", "flat", 0), output);

        var code = await run.RunAsync(["blocked-send", "sync-over-async"], _reports.FullName, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("leak catalog: 2 of 2 patterns held their expectation", lines);
        Assert.Contains(lines, l => l.StartsWith("blocked-send", StringComparison.Ordinal) && l.Contains("LEAK (memory, workers)  FLAT", StringComparison.Ordinal) && l.EndsWith('✓'));
        Assert.Contains(lines, l => l.StartsWith("sync-over-async", StringComparison.Ordinal) && l.Contains("LEAK (threads)", StringComparison.Ordinal) && l.EndsWith('✓'));
        Assert.True(File.Exists(Path.Combine(_reports.FullName, "sync-over-async", "verdict.json")));
    }

    [Fact]
    public async Task RunAsync_OnePatternMissed_RunsTheRestAndExitsOne()
    {
        var output = new StringWriter();
        var run = new CatalogRun((pattern, folder, _) => pattern == "endless-loop"
            ? Verdicts(folder, "flat", "", "flat", 1)
            : Verdicts(folder, "leak", "\"workers\"", "flat", 0), output);

        var code = await run.RunAsync(["blocked-send", "endless-loop", "unstopped-timer"], _reports.FullName, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains(output.ToString().Split('\n', StringSplitOptions.TrimEntries), l => l.StartsWith("endless-loop", StringComparison.Ordinal) && l.EndsWith('✗'));
        Assert.Contains("leak catalog: 2 of 3 patterns held their expectation", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InterruptedDuringAPattern_SkipsTheRestAndExits130()
    {
        var ran = new List<string>();
        var run = new CatalogRun((pattern, folder, _) =>
        {
            ran.Add(pattern);
            return Task.FromResult(pattern == "blocked-receive" ? 130 : 0);
        }, new StringWriter());

        var code = await run.RunAsync(["blocked-send", "blocked-receive", "endless-loop"], _reports.FullName, CancellationToken.None);

        Assert.Equal(130, code);
        Assert.Equal(["blocked-send", "blocked-receive"], ran);
    }

    [Theory]
    [InlineData("all", 8)]
    [InlineData(" Sync-Over-Async ", 1)]
    [InlineData(null, 1)]
    public void Select_KnownValue_NamesItsPatterns(string? value, int count) =>
        Assert.Equal(count, LeakPatterns.Select(value)!.Count);

    [Fact]
    public void Select_UnknownValue_IsRefusedListingEveryPattern()
    {
        Assert.Null(LeakPatterns.Select("leaky-bucket"));
        Assert.Equal(
            "--leak must be one of blocked-send, blocked-receive, endless-loop, unstopped-timer, token-not-propagated, duplicate-watcher, undisposed-linked-token, sync-over-async or all; got 'leaky-bucket'.",
            LeakPatterns.Problem("leaky-bucket"));
    }
}
