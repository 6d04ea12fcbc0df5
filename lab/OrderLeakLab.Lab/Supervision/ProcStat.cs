namespace OrderLeakLab.Lab.Supervision;

/// <summary>ProcStat reads a process's resident memory, threads and CPU time from /proc, as the kubelet's cAdvisor does.</summary>
public static class ProcStat
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux the lab runs on.

    /// <summary>Resident set size in bytes (<c>VmRSS</c>), or null when the process is gone.</summary>
    public static long? ReadRssBytes(int pid) => ReadStatusField(pid, "VmRSS:") * 1024;

    /// <summary>OS threads (<c>Threads</c>), or null when the process is gone. Read from outside, so it is known even
    /// when the process is too starved to answer its own <c>/metrics</c>.</summary>
    public static long? ReadThreads(int pid) => ReadStatusField(pid, "Threads:");

    private static long? ReadStatusField(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var value = line[field.Length..].Trim().Split(' ')[0];
                    return long.TryParse(value, out var v) ? v : null;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>User + system CPU seconds the process has used, or null when it is gone.</summary>
    public static double? ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11]) + double.Parse(fields[12])) / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
