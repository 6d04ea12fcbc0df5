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
        }
        finally
        {
            Directory.Delete(report, recursive: true);
        }
    }
}
