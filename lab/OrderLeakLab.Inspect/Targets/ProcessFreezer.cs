using System.Runtime.InteropServices;

namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// ProcessFreezer stops a process with SIGSTOP and resumes it with SIGCONT: the way to hold a target still when
/// ptrace cannot be used. ptrace cannot be used on our own child: the runtime's SIGCHLD handler reaps child
/// state changes with <c>waitpid</c>, so it can swallow the ptrace-stop that ClrMD's attach waits for, and the
/// attach then hangs with the target stopped (seen in tests and in the lab, whose services are its children).
/// A group stop is not reported to <c>waitpid</c> without <c>WUNTRACED</c>, so SIGSTOP does not race.
/// Limits: Linux only; a target that is traced already (a debugger) cannot be frozen this way.
/// </summary>
public sealed class ProcessFreezer : IDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly int _pid;
    private bool _resumed;

    private ProcessFreezer(int pid) => _pid = pid;

    /// <summary>Whether <paramref name="pid"/> is a child of this process (its parent pid is ours).</summary>
    public static bool IsOwnChild(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == Environment.ProcessId;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Stops every thread of <paramref name="pid"/> and waits until the kernel reports them stopped.</summary>
    public static ProcessFreezer Freeze(int pid, TimeSpan timeout)
    {
        if (Kill(pid, SigStop) != 0)
        {
            throw new InspectionException($"cannot stop pid {pid} (errno {Marshal.GetLastPInvokeError()})");
        }

        var freezer = new ProcessFreezer(pid);
        var deadline = DateTime.UtcNow + timeout;
        while (!AllThreadsStopped(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                freezer.Dispose();
                throw new InspectionException($"pid {pid} did not stop within {timeout.TotalSeconds:0} s");
            }

            Thread.Sleep(5); // a kernel state change with no event to await
        }

        return freezer;
    }

    /// <summary>Resumes the target (SIGCONT); safe to call more than once.</summary>
    public void Dispose()
    {
        if (!_resumed)
        {
            _resumed = true;
            Kill(_pid, SigCont);
        }
    }

    private static bool AllThreadsStopped(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").All(task =>
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                return stat[stat.LastIndexOf(')') + 2] is 'T' or 't' or 'Z' or 'X';
            });
        }
        catch (IOException)
        {
            return true; // gone (or a thread gone mid-scan): nothing left running to wait for
        }
    }

    // DllImport rather than LibraryImport: an int-only signature needs no marshalling and no unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
