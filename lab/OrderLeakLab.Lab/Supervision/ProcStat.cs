namespace OrderLeakLab.Lab.Supervision;

/// <summary>ProcStat reads a process's resident memory and CPU time from /proc, as the kubelet's cAdvisor does.</summary>
public static class ProcStat
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux the lab runs on.

    /// <summary>Resident set size in bytes (<c>VmRSS</c>), or null when the process is gone.</summary>
    public static long? ReadRssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.TryParse(kb, out var v) ? v * 1024 : null;
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
