using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Demo;

/// <summary>Without cgroup rights the demo still runs, under the GC heap hard limit, and says so (issue 4, item 2).</summary>
[Collection(DemoProcessCollection.Name)]
public class DemoFallbackTests
{
    [Fact]
    public async Task Demo_AsUnprivilegedUser_FallsBackToGcHeapHardLimitAndSaysSo()
    {
        var report = Directory.CreateTempSubdirectory("leaklab-fallback").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(report, (UnixFileMode)0x1FF);
        }
        var serviceDll = ServiceLocator.Find(null, out var looked, AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"order service not built: {looked}");
        using var service = PublicCopy.Of(Path.GetDirectoryName(serviceDll)!);
        await using var lab = LeaklabProcess.StartAs(
            "nobody", "demo", "--duration", "5s", "--rate", "200", "--baseline", "1s", "--cooldown", "1s", "--report", report,
            "--service-dll", Path.Combine(service.Root, Path.GetFileName(serviceDll)));
        try
        {
            var exit = await lab.WaitForExitAsync(TimeSpan.FromMinutes(3));
            Assert.True(exit is 0 or 1, $"exit {exit}:\n{lab.Output}");
            Assert.Contains(lab.Lines, l => l.Contains("no cgroup rights", StringComparison.Ordinal) && l.Contains("GC heap hard limit", StringComparison.Ordinal));
            Assert.True(lab.Started.Count == 2, $"expected each variant started once, no restarts:\n{lab.Output}");
            Assert.All(lab.Started, s => Assert.Equal("", s.Cgroup));
            Assert.All(lab.Started, s => Assert.False(ProcessProbe.IsAlive(s.Pid)));
            Assert.True(File.Exists(Path.Combine(report, "summary.md")));
        }
        finally
        {
            Directory.Delete(report, recursive: true);
        }
    }
}
