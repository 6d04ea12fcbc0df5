using System.Globalization;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// MemoryLimitReader finds the memory limit this process runs under: its cgroup's limit (the smallest along its
/// ancestors; v1 <c>memory.limit_in_bytes</c> or v2 <c>memory.max</c>), or the GC's limit when that is smaller and
/// configured (<c>DOTNET_GCHeapHardLimit</c>, <c>System.GC.HeapHardLimit</c>, or their <c>Percent</c> forms), or —
/// with no cgroup limit — what the GC sees as available (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
/// a configured hard limit, else physical memory).
/// The roots are parameters so tests can point it at a fake <c>/proc</c> and <c>/sys/fs/cgroup</c>.
/// </summary>
public sealed class MemoryLimitReader(string procRoot = "/proc", string cgroupRoot = "/sys/fs/cgroup")
{
    // cgroup v1 reports "no limit" as the largest page-aligned long.
    private const long V1Unlimited = 9223372036854771712;

    /// <summary>Reads the limit now; never throws.</summary>
    public MemoryLimit Read()
    {
        var gc = new MemoryLimit(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "gc");
        // In a cgroup the GC derives a heap limit of its own (75% of the cgroup's) unless one is configured. That
        // derived one is not a limit in its own right: the cgroup's is what the kernel enforces and what RSS meets.
        return ReadCgroup() is { } cgroup && !(HeapHardLimitConfigured() && gc.Bytes < cgroup.Bytes) ? cgroup : gc;
    }

    /// <summary>True when a GC heap hard limit is configured (environment or runtimeconfig).</summary>
    public static bool HeapHardLimitConfigured() =>
        new[] { "DOTNET_GCHeapHardLimit", "COMPlus_GCHeapHardLimit", "DOTNET_GCHeapHardLimitPercent", "COMPlus_GCHeapHardLimitPercent" }
            .Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        || AppContext.GetData("System.GC.HeapHardLimit") is not null
        || AppContext.GetData("System.GC.HeapHardLimitPercent") is not null;

    /// <summary>The cgroup limit of this process, or null when there is none.</summary>
    public MemoryLimit? ReadCgroup()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(procRoot, "self", "cgroup"));
            foreach (var line in lines)
            {
                var parts = line.Split(':', 3);
                if (parts.Length == 3 && parts[1].Split(',').Contains("memory"))
                {
                    return Smallest(Path.Combine(cgroupRoot, "memory"), parts[2], "memory.limit_in_bytes", "cgroup-v1");
                }
            }

            var unified = lines.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[0] == "0" && p[1] == "");
            return unified is null ? null : Smallest(cgroupRoot, unified[2], "memory.max", "cgroup-v2");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Walks from the process's cgroup up to the hierarchy's root: a parent's limit binds its children too.
    // In a container the path may name the host's hierarchy while the mount shows only ours, so missing
    // directories are skipped and the mount root is always read.
    private static MemoryLimit? Smallest(string mount, string cgroupPath, string file, string source)
    {
        long? smallest = null;
        var relative = cgroupPath.Trim('/');
        while (true)
        {
            var limitFile = Path.Combine(mount, relative, file);
            if (File.Exists(limitFile) && Parse(File.ReadAllText(limitFile)) is { } limit && limit < (smallest ?? long.MaxValue))
            {
                smallest = limit;
            }

            if (relative.Length == 0)
            {
                break;
            }

            var slash = relative.LastIndexOf('/');
            relative = slash < 0 ? "" : relative[..slash];
        }

        return smallest is { } bytes ? new MemoryLimit(bytes, source) : null;
    }

    private static long? Parse(string text)
    {
        text = text.Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value < V1Unlimited
            ? value
            : null;
    }
}
