namespace OrderLeakLab.Lab.Cgroups;

/// <summary>CgroupFiles reads and writes the small text files a cgroup is made of.</summary>
internal static class CgroupFiles
{
    public static long? ReadLong(string path) =>
        TryRead(path) is { } text && long.TryParse(text.Trim(), out var v) ? v : null;

    /// <summary>Reads the value of a "key value" line, e.g. <c>oom_kill 3</c> in memory.oom_control or memory.events.</summary>
    public static long ReadKeyed(string path, string key)
    {
        foreach (var line in (TryRead(path) ?? "").Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var v))
            {
                return v;
            }
        }

        return 0;
    }

    /// <summary>
    /// Usage minus the <paramref name="inactiveKey"/> line of memory.stat, floored at 0 (cAdvisor's working set);
    /// null when usage is unknown.
    /// </summary>
    public static long? WorkingSet(long? usage, string statFile, string inactiveKey) =>
        usage is { } u ? Math.Max(0, u - ReadKeyed(statFile, inactiveKey)) : null;

    public static IReadOnlyList<int> ReadPids(string procsFile) =>
        (TryRead(procsFile) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var p) ? p : 0).Where(p => p > 0).ToArray();

    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Write(string path, string value) => File.WriteAllText(path, value);
}
