using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Demo;

/// <summary>Ctrl-C at any moment leaves nothing behind: no child process, no cgroup, and a partial report (issue 4, item 8).</summary>
[Collection(DemoProcessCollection.Name)]
public class DemoInterruptTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public Task RunAsync_CtrlCDuringStartUp_LeavesNothingBehind() =>
        InterruptAfterAsync(line => line.StartsWith("fixed: started pid", StringComparison.Ordinal) || line.StartsWith("leaky: started pid", StringComparison.Ordinal), "start-up");

    [Fact]
    public Task RunAsync_CtrlCDuringLoad_LeavesNothingBehind() =>
        InterruptAfterAsync(line => line.StartsWith("load: ", StringComparison.Ordinal), "load");

    [Fact]
    public Task RunAsync_CtrlCDuringRestartBackoff_LeavesNothingBehind() =>
        InterruptAfterAsync(line => line.StartsWith("leaky: CrashLoopBackOff", StringComparison.Ordinal), "restart backoff");

    [Fact]
    public Task RunAsync_CtrlCBeforeTheRunStarts_StopsAndLeavesNothingBehind() =>
        // The first line the command prints, before the plan is set up: a signal this early was once lost and the demo
        // ran to its end (exit 0); the run must stop with 130 and clean up whatever it had started.
        InterruptAfterAsync(line => line.StartsWith("leaklab demo: order service", StringComparison.Ordinal), "set-up", expectStarted: false);

    private static async Task InterruptAfterAsync(Func<string, bool> moment, string phase, bool expectStarted = true)
    {
        var report = Directory.CreateTempSubdirectory("leaklab-interrupt").FullName;
        // 128 MiB and k8s backoff: the leaky variant is OOM-killed within ~30 s and then waits 10 s to restart.
        await using var lab = LeaklabProcess.Start(
            "demo", "--duration", "2m", "--memory", "128Mi", "--backoff", "k8s", "--baseline", "1s", "--report", report);
        try
        {
            await lab.WaitForLineAsync(moment, Deadline, $"the moment to interrupt ({phase})");
            lab.Interrupt();
            Assert.Equal(ExitCodes.Interrupted, await lab.WaitForExitAsync(Deadline));

            Assert.All(lab.Started, s => Assert.False(ProcessProbe.IsAlive(s.Pid), $"{s.Name} pid {s.Pid} is still running after Ctrl-C during {phase}"));
            if (expectStarted || lab.Started.Count > 0)
            {
                CgroupCleanup.AssertRemoved(lab.Started, lab.Pid, $"after Ctrl-C during {phase}");
            }
            else
            {
                // The signal reached the lab before it started anything (whether it did is a race the test does not control).
                CgroupCleanup.AssertNoneLeft(lab.Pid, $"after Ctrl-C during {phase}");
            }

            Assert.Contains(lab.Lines, l => l.Contains("PARTIAL", StringComparison.Ordinal) && l.Contains("Ctrl-C", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(report, "summary.md")), "the partial report is written");
        }
        finally
        {
            Directory.Delete(report, recursive: true);
        }
    }
}
