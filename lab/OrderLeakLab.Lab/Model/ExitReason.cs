namespace OrderLeakLab.Lab.Model;

/// <summary>ExitReason classifies why a supervised process ended, in the words a cluster would use.</summary>
public enum ExitReason
{
    /// <summary>The kernel's OOM killer ended it: exit 137 / SIGKILL with the cgroup's OOM-kill counter risen.</summary>
    OomKilled,

    /// <summary>The runtime threw a managed <c>OutOfMemoryException</c> and the process aborted (exit 134).</summary>
    OutOfMemoryException,

    /// <summary>The liveness watchdog killed it after it stopped answering.</summary>
    Watchdog,

    /// <summary>Any other exit the lab did not ask for.</summary>
    Crash,

    /// <summary>The lab stopped it (end of run, Ctrl-C).</summary>
    Stopped,
}
