namespace OrderLeakLab.Lab.Supervision;

/// <summary>SupervisorState is where a supervised variant is in its life cycle.</summary>
public enum SupervisorState
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>A process is running.</summary>
    Running,

    /// <summary>The process exited; waiting out the backoff before the next start (CrashLoopBackOff).</summary>
    BackingOff,

    /// <summary>Stopped for good.</summary>
    Stopped,
}
