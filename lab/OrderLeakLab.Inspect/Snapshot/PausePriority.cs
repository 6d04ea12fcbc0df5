using System.Runtime.InteropServices;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// PausePriority raises the calling thread to the highest CPU priority while it holds a target paused, and restores
/// it on dispose. Every millisecond of the copy is a millisecond the target does not serve; on a busy machine the
/// scheduler would otherwise hand the copying thread a small share of a core (measured here at load 20 on 2 cores:
/// 310 MB copied in 2.9 s at normal priority). Needs root (CAP_SYS_NICE); without it nothing changes.
/// </summary>
internal sealed class PausePriority : IDisposable
{
    private const int PrioProcess = 0;
    private const int Highest = -20;
    private readonly int _tid;
    private readonly int _previous;
    private readonly bool _raised;

    private PausePriority()
    {
        _tid = GetTid();
        Marshal.SetLastPInvokeError(0);
        _previous = GetPriority(PrioProcess, _tid);
        _raised = Marshal.GetLastPInvokeError() == 0 && SetPriority(PrioProcess, _tid, Highest) == 0;
    }

    /// <summary>Raises the calling thread's priority until disposed (on the same thread).</summary>
    public static PausePriority Raise() => new();

    public void Dispose()
    {
        if (_raised)
        {
            SetPriority(PrioProcess, _tid, _previous);
        }
    }

    // On Linux PRIO_PROCESS with a thread id sets that thread's nice value alone.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
