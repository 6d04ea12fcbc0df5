using System.Globalization;

namespace OrderLeakLab.Inspect.Sampling;

/// <summary>Reads <c>/proc/PID/status</c>: resident memory and thread count.</summary>
internal static class ProcStatus
{
    /// <summary>(RSS bytes, threads), or null when the process is gone or unreadable.</summary>
    public static (long? RssBytes, long? Threads)? Read(int pid)
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

        return (rss, threads);
    }

    private static long? Number(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
