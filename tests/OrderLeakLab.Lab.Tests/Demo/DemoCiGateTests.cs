using System.Text.Json;
using System.Text.RegularExpressions;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Demo;

/// <summary>The CI gate (issue 4, item 9): a shortened real demo must reproduce the incident and exit 0.</summary>
[Collection(DemoProcessCollection.Name)]
public class DemoCiGateTests
{
    [Fact]
    public async Task Demo_Shortened_LeakyIsOomKilledFixedStaysFlatExitZero()
    {
        var report = Directory.CreateTempSubdirectory("leaklab-gate").FullName;
        await using var lab = LeaklabProcess.Start(
            "demo", "--duration", "75s", "--memory", "192Mi", "--baseline", "5s", "--cooldown", "10s",
            "--expect", "leaky=leak,fixed=flat", "--report", report);
        try
        {
            var exit = await lab.WaitForExitAsync(TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"leaklab demo exited {exit}:\n{lab.Output}");
            Assert.Contains(lab.Lines, l => l.Contains("expectation held", StringComparison.Ordinal));
            Assert.Contains(lab.Lines, l => Regex.IsMatch(l, @"^leaky: pid \d+ exited .*OomKilled \(exit 137, cgroup oom_kill \d+→\d+\)"));
            Assert.DoesNotContain(lab.Lines, l => l.StartsWith("fixed: pid", StringComparison.Ordinal) && !l.Contains("Stopped", StringComparison.Ordinal));
            Assert.All(lab.Started, s => Assert.False(Directory.Exists(s.Cgroup)));
            Assert.True(File.Exists(Path.Combine(report, "verdict.json")));

            // Issue 5 item 4: an inspection taken before the first OOM-kill names the leak site for leaky.
            using var verdict = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "verdict.json")));
            var leaky = verdict.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "leaky");
            Assert.Contains(leaky.GetProperty("evidence").EnumerateArray(), e => Regex.IsMatch(e.GetString()!, @"^leak site: [\d,]+ workers parked at LeakyCheckout\.HandOffAsync awaiting a full channel .*target paused \d+ ms"));
            Assert.Contains(lab.Lines, l => l.Contains("leak site: ", StringComparison.Ordinal) && l.Contains("LeakyCheckout.HandOffAsync", StringComparison.Ordinal));
            Assert.Contains("LeakyCheckout.HandOffAsync awaiting a full channel", await File.ReadAllTextAsync(Path.Combine(report, "summary.md")), StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(Path.Combine(report, "report.html"));
            Assert.Contains("<table id=\"parked\">", html, StringComparison.Ordinal);
            Assert.Matches(@"<tr><td>leaky</td><td class=""num"">[\d,]+</td><td><code>LeakyCheckout\.HandOffAsync \(state \d+\)</code>", html);
        }
        finally
        {
            Directory.Delete(report, recursive: true);
        }
    }
}
