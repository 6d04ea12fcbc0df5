using System.Text.Json;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Tests.TestSupport;
using Xunit.Abstractions;

namespace OrderLeakLab.Lab.Tests.Demo;

/// <summary>
/// The whole leak catalog through the real lab (issue 13): <c>leaklab demo --leak all</c> briefly, each pattern's leaky
/// and fixed variant as real processes in their own memory cgroups under real load, and every verdict asserted — LEAK of
/// the pattern's own kind for the leaky one, FLAT for the fixed one. Judged by verdicts, never by the clock.
/// </summary>
[Collection(DemoProcessCollection.Name)]
public class LeakCatalogEndToEndTests(ITestOutputHelper output)
{
    /// <summary>The kind each leaky variant must be caught as: the signal its leak really grows.</summary>
    private static readonly (string Pattern, string Kind)[] Kinds =
    [
        ("blocked-send", "workers"),
        ("blocked-receive", "workers"),
        ("endless-loop", "workers"),
        ("unstopped-timer", "timers"),
        ("token-not-propagated", "workers"),
        ("duplicate-watcher", "workers"),
        ("undisposed-linked-token", "memory"),
        ("sync-over-async", "threads"),
    ];

    [Fact]
    public async Task DemoLeakAll_BriefRun_EveryLeakyVariantLeaksItsKindAndEveryFixedOneIsFlat()
    {
        var report = Directory.CreateTempSubdirectory("leaklab-catalog-e2e");
        try
        {
            // 300 req/s is enough for every pattern to show (and kinder to a shared 2-core machine than 1000).
            await using var lab = LeaklabProcess.Start(
                "demo", "--leak", "all", "--rate", "300", "--baseline", "3s", "--duration", "12s", "--cooldown", "8s",
                "--no-inspect", "--plain", "--report", report.FullName);
            var exit = await lab.WaitForExitAsync(TimeSpan.FromMinutes(10));
            output.WriteLine(string.Join('\n', lab.Lines.Where(l => !l.StartsWith('['))));

            var held = Kinds.Select(p => (p.Pattern, p.Kind, Leaky: Verdict(report.FullName, p.Pattern, "leaky"), Fixed: Verdict(report.FullName, p.Pattern, "fixed")))
                .ToList();
            Assert.Equal(LeakPatterns.Names, held.Select(h => h.Pattern));
            Assert.All(held, h =>
            {
                Assert.True(h.Leaky.Verdict == "leak" && h.Leaky.Kinds.Contains(h.Kind), $"{h.Pattern}: leaky expected LEAK ({h.Kind}), got {h.Leaky}");
                Assert.True(h.Fixed.Verdict == "flat", $"{h.Pattern}: fixed expected FLAT, got {h.Fixed}");
            });
            Assert.Equal(0, exit);
            Assert.Contains(lab.Lines, l => l.StartsWith("leak catalog: 8 of 8 patterns held their expectation", StringComparison.Ordinal));
        }
        finally
        {
            report.Delete(recursive: true);
        }
    }

    private static Outcome Verdict(string report, string pattern, string target)
    {
        var path = Path.Combine(report, pattern, "verdict.json");
        if (!File.Exists(path))
        {
            return new Outcome("no verdict.json", [], []);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var found = json.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == target);
        var kinds = found.TryGetProperty("kinds", out var k) ? k.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var evidence = found.TryGetProperty("evidence", out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        return new Outcome(found.GetProperty("verdict").GetString()!, kinds, evidence);
    }

    private sealed record Outcome(string Verdict, IReadOnlyList<string> Kinds, IReadOnlyList<string> Evidence)
    {
        public override string ToString() => $"{Verdict} ({string.Join(", ", Kinds)}): {string.Join(" | ", Evidence)}";
    }
}
