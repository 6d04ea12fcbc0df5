namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// Tells whether a pid is a live .NET process by its diagnostics socket (<c>dotnet-diagnostic-PID-*-socket</c>
/// in <c>$TMPDIR</c> or <c>/tmp</c>); <c>DiagnosticsClient.GetPublishedProcesses()</c> throws on this kernel.
/// </summary>
public static class DotNetProcess
{
    /// <summary>Throws <see cref="InspectionException"/> unless <paramref name="pid"/> is a running .NET process.</summary>
    public static void EnsureInspectable(int pid)
    {
        if (pid <= 0)
        {
            throw new InspectionException($"--pid must be a positive process id, not {pid}");
        }

        if (!IsRunning(pid))
        {
            throw new InspectionException($"no process with pid {pid}");
        }

        if (FindDiagnosticsSocket(pid) is null)
        {
            throw new InspectionException(
                $"pid {pid} is not a .NET process (no dotnet-diagnostic-{pid}-*-socket in {string.Join(" or ", TempFolders())})");
        }
    }

    /// <summary>The diagnostics socket path of <paramref name="pid"/>, or null when there is none.</summary>
    public static string? FindDiagnosticsSocket(int pid) =>
        TempFolders()
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, $"dotnet-diagnostic-{pid}-*-socket"))
            .FirstOrDefault();

    /// <summary>Whether a process with this id is running (and not a zombie).</summary>
    public static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = $"/proc/{pid}/stat";
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IEnumerable<string> TempFolders()
    {
        var tmp = Environment.GetEnvironmentVariable("TMPDIR");
        return new[] { string.IsNullOrEmpty(tmp) ? null : tmp, Path.GetTempPath(), "/tmp" }
            .Where(d => d is not null)
            .Select(d => Path.TrimEndingDirectorySeparator(d!))
            .Distinct();
    }
}
