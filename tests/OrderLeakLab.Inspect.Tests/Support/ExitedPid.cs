using System.Diagnostics;

namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>The pid of a process that has just exited (so, very likely, no process has it now).</summary>
public static class ExitedPid
{
    public static int Get()
    {
        using var process = Process.Start("true");
        process.WaitForExit();
        return process.Id;
    }
}
