namespace OrderLeakLab.Lab.Supervision;

/// <summary>OomMode says how a variant that runs out of memory dies (DESIGN §2 "How it dies").</summary>
public enum OomMode
{
    /// <summary>
    /// The default: the GC heap hard limit is set above the cgroup limit so the kernel OOM-kills the process
    /// (exit 137, the cgroup's OOM-kill counter rises) — <c>OOMKilled</c>, as in the incident.
    /// </summary>
    Kernel,

    /// <summary>.NET defaults: the GC caps its heap at 75% of the limit, the process dies of a managed
    /// <c>OutOfMemoryException</c> (exit 134), often after an unresponsive tail the liveness watchdog ends.</summary>
    Managed,
}
