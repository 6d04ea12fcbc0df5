using System.Globalization;
using OrderLeakLab.Inspect.Rendering;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Snapshot;

/// <summary>The memory snapshot's pause, as the user reads it: reported with where it went, and the target serves on after it.</summary>
public class SnapshotPauseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task InspectAsync_LeakyServiceUnderRequests_ReportsThePauseStageByStageAndTheServiceAnswersOn()
    {
        await using var service = await InspectedService.StartAsync("leaky");
        await service.SendOrdersAsync(5_000);
        await Eventually.UntilAsync(async () => await service.MetricAsync("orders_workers_inflight") > 1_000, TimeSpan.FromMinutes(2), "workers to park");

        var during = service.SendOrdersAsync(400, concurrency: 4); // in flight before, during and after the pause
        var report = await HeapInspector.InspectAsync(service.ProcessId, new InspectOptions());
        var codes = await during;

        var text = new StringWriter();
        TextReportWriter.Write(text, report);
        output.WriteLine(text.ToString());
        Assert.Equal("snapshot", report.Mode);
        var stages = Assert.IsType<Inspect.Snapshot.PauseBreakdown>(report.PauseStages);
        Assert.True(stages.Threads > 5, $"{stages.Threads} threads' registers saved");
        Assert.True(stages.CopiedBytes > 10 << 20 && stages.AnonymousBytes <= stages.CopiedBytes, stages.ToString());
        Assert.True(stages.Calls >= 1 && stages.Calls <= stages.Ranges, stages.ToString());
        var stagesSum = stages.Suspend + stages.Registers + stages.Maps + stages.Copy + stages.Resume;
        Assert.True(stages.Attempts == 1 ? stagesSum == report.TargetPaused : stagesSum < report.TargetPaused, $"{stages} against {report.TargetPaused}");
        var lines = text.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains(string.Create(CultureInfo.InvariantCulture, $"target paused {report.TargetPaused.TotalMilliseconds:N0} ms"), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("pause: suspend ", StringComparison.Ordinal) && l.Contains(" MB/s", StringComparison.Ordinal));
        Assert.StartsWith("LeakyCheckout.HandOffAsync", report.LeakSiteSummary().Split(" parked at ")[1], StringComparison.Ordinal);

        // Resumed: not stopped, not traced, and every order sent around the pause was answered, as are new ones.
        var status = await File.ReadAllLinesAsync($"/proc/{service.ProcessId}/status");
        Assert.Contains("TracerPid:\t0", status);
        Assert.DoesNotContain(status, l => l.StartsWith("State:\tT", StringComparison.Ordinal));
        Assert.Equal(400, codes.Values.Sum());
        Assert.All(codes.Keys, code => Assert.True(code is 200 or 504, $"status {code}"));
        Assert.Equal(50, (await service.SendOrdersAsync(50)).Values.Sum());
    }
}
