using System.Globalization;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Soak;

/// <summary>CommandLaunch builds how <c>soak -- COMMAND…</c> starts the user's command under the memory limit.</summary>
public static class CommandLaunch
{
    /// <summary>
    /// Builds the launch of <paramref name="command"/> (program and arguments). The GC settings matter only when it is a
    /// .NET process and are harmless otherwise: in a cgroup, <see cref="OomMode.Kernel"/> sets the GC heap hard limit
    /// above the cgroup limit (the kernel kills first) and <see cref="OomMode.Managed"/> removes any inherited one;
    /// without a cgroup the GC heap hard limit is the only limit there is.
    /// </summary>
    public static LaunchSpec Create(IReadOnlyList<string> command, IMemoryCgroup? cgroup, OomMode oom, long limitBytes)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var gcLimit = cgroup is null ? limitBytes
            : oom == OomMode.Kernel ? Math.Max(Convert.ToInt64(LabDefaults.KernelOomGcHeapHardLimit, 16), 2 * limitBytes)
            : (long?)null;
        var environment = new Dictionary<string, string?>
        {
            [LabDefaults.GcHeapHardLimitVariable] = gcLimit is { } l ? "0x" + l.ToString("x", CultureInfo.InvariantCulture) : null,
            ["DOTNET_GCHeapHardLimitPercent"] = null,
        };
        return new LaunchSpec(command[0], [.. command.Skip(1)], environment, cgroup?.ProcsFile);
    }

    /// <summary>Where <paramref name="program"/> would be run from (a path, or the first match on PATH), or null when nowhere.</summary>
    public static string? Resolve(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }
}
