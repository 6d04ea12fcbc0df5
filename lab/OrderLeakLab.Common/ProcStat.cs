using System.Globalization;
using System.Runtime.InteropServices;

namespace OrderLeakLab.Common;

/// <summary>
/// ProcStat is the one reader of <c>/proc/PID</c>: resident memory and threads (<c>status</c>) and CPU time
/// (<c>stat</c>, in clock ticks of <c>sysconf(_SC_CLK_TCK)</c>, as the kubelet's cAdvisor reads them). Every method
/// returns null when the process is gone or unreadable; none throws for that.
/// </summary>
public static partial class ProcStat
{
    private const int ScClkTck = 2; // _SC_CLK_TCK in glibc's and musl's unistd.h

    /// <summary>Clock ticks per second that <c>/proc/PID/stat</c> counts CPU time in (USER_HZ, usually 100).</summary>
    public static double ClockTicksPerSecond { get; } = ReadClockTicks();

    /// <summary>Resident set size in bytes (<c>VmRSS</c>), or null when the process is gone.</summary>
    public static long? ReadRssBytes(int pid) => ReadStatus(pid)?.RssBytes;

    /// <summary>OS threads of the process (<c>Threads</c>), or null when it is gone; readable even when the process is too starved to answer anything.</summary>
    public static long? ReadThreads(int pid) => ReadStatus(pid)?.Threads;

    /// <summary>Resident memory and thread count from one read of <c>/proc/PID/status</c>, or null when the process is gone.</summary>
    public static ProcessStatus? ReadStatus(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        long? rss = null, threads = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Number(line) * 1024; // reported in kB
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = Number(line);
            }
        }

        return new ProcessStatus(rss, threads);
    }

    /// <summary>User + system CPU seconds the process has used, or null when it is gone.</summary>
    public static double? ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static long? Number(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static double ReadClockTicks()
    {
        try
        {
            var ticks = Sysconf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100; // no libc to ask (not Linux): the value every Linux ABI has used
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long Sysconf(int name);
}
