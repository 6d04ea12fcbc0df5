using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Supervision;

/// <summary>
/// ExitClassifier names an exit the way a cluster would, from the evidence the lab has: the exit code, the
/// cgroup's OOM-kill counter before and after, whether the watchdog or the lab itself ended it, and the tail of
/// its output (.NET prints "Out of memory." before aborting on a managed OutOfMemoryException).
/// </summary>
public static class ExitClassifier
{
    /// <summary>Exit code of a process ended by SIGKILL (128 + 9).</summary>
    public const int SigKill = 137;

    /// <summary>Exit code of a process that aborted (128 + SIGABRT), as the runtime does on a managed OOM.</summary>
    public const int SigAbrt = 134;

    /// <summary>Classifies one exit; returns the reason and a few words of evidence.</summary>
    public static (ExitReason Reason, string Detail) Classify(
        int exitCode, long oomKillsBefore, long oomKillsAfter, bool killedByWatchdog, bool stopRequested, string outputTail)
    {
        if (stopRequested)
        {
            return (ExitReason.Stopped, $"exit {exitCode}, stopped by the lab");
        }

        if (oomKillsAfter > oomKillsBefore)
        {
            return (ExitReason.OomKilled, $"exit {exitCode}, cgroup oom_kill {oomKillsBefore}→{oomKillsAfter}");
        }

        if (killedByWatchdog)
        {
            return (ExitReason.Watchdog, $"exit {exitCode}, liveness probe failed, killed by the watchdog");
        }

        if (outputTail.Contains("Out of memory.", StringComparison.Ordinal) || outputTail.Contains("OutOfMemoryException", StringComparison.Ordinal))
        {
            return (ExitReason.OutOfMemoryException, $"exit {exitCode}, \"Out of memory.\" (managed OutOfMemoryException)");
        }

        return exitCode == SigKill
            ? (ExitReason.Crash, $"exit {exitCode} (SIGKILL) but the cgroup oom_kill counter did not rise")
            : (ExitReason.Crash, $"exit {exitCode}");
    }
}
