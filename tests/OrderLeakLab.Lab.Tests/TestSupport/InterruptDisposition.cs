using System.Globalization;
using System.Runtime.InteropServices;

namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>
/// InterruptDisposition makes Ctrl-C reach the labs the tests start. A test run started in the background by a
/// non-interactive shell (<c>./test.sh &amp;</c>, <c>nohup</c>, a CI step that backgrounds it) has SIGINT ignored, and an
/// ignored signal stays ignored across fork and exec; the .NET runtime keeps an inherited SIG_IGN for SIGINT (as a
/// background job should), so every lab would ignore the tests' Ctrl-C and the interrupt tests would wait for an exit
/// that never comes (seen: all of them timed out under <c>scripts/stress-test.sh</c> run in the background). The
/// tests stand for a user at a terminal, so this test process gives SIGINT its default disposition back, once,
/// before a lab is started — only when it was ignored, so the runtime's own handler is never replaced.
/// </summary>
internal static class InterruptDisposition
{
    private const int SigInt = 2;
    private static readonly Lazy<bool> Restored = new(RestoreIfIgnored);

    /// <summary>Makes sure processes started from now on receive SIGINT; true when it had been ignored.</summary>
    public static bool EnsureDeliverable() => Restored.Value;

    /// <summary>True when process <paramref name="pid"/> ignores SIGINT (the SigIgn mask of <c>/proc/PID/status</c>).</summary>
    public static bool IsIgnored(string pid = "self")
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0;
    }

    private static bool RestoreIfIgnored()
    {
        if (!IsIgnored())
        {
            return false;
        }

        Signal(SigInt, IntPtr.Zero); // SIG_DFL
        return true;
    }

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
