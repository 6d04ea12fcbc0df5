using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// DacSession is the one door through which this process reads a .NET runtime with ClrMD: one session at a time, and the
/// DAC (<c>libmscordaccore.so</c>) kept loaded for the life of the process once ClrMD has loaded it.
/// <code>
/// var analysis = DacSession.Run(() => { using var runtime = DacSession.CreateRuntime(target, pid); return Walk(runtime); });
/// </code>
/// Why: the DAC carries its own copy of the PAL, which registers a pthread key whose destructor lives in the DAC. ClrMD
/// unloads the DAC (dlclose) when a DataTarget is disposed, but the key stays; the next lab thread that had entered the DAC
/// and then exits calls the unmapped destructor and the whole process dies of SIGSEGV (exit 139). The installed
/// <c>leaklab demo</c> died exactly so in CI, right after the end-of-baseline type table of two targets taken side by side
/// (microsoft/clrmd#1499 makes ClrMD stop unloading it; this holds whichever ClrMD version is restored). Taking a second
/// reference with dlopen keeps the library mapped whatever ClrMD frees; one session at a time keeps two analyses from
/// sharing the DAC's process-wide state.
/// </summary>
public static class DacSession
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly HashSet<string> Pinned = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="analysis"/> once no other ClrMD session of this process is running.</summary>
    public static T Run<T>(Func<T> analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        OneAtATime.Wait(cancellationToken);
        try
        {
            return analysis();
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Creates the runtime of <paramref name="target"/> and pins the DAC it loaded.</summary>
    public static ClrRuntime CreateRuntime(DataTarget target, int pid)
    {
        ArgumentNullException.ThrowIfNull(target);
        var clr = target.ClrVersions.FirstOrDefault() ?? throw new InspectionException($"pid {pid} has no CLR loaded that ClrMD can read");
        var runtime = clr.CreateRuntime();
        PinLoadedDacs();
        return runtime;
    }

    /// <summary>The DAC libraries pinned so far (full paths), for tests and diagnostics.</summary>
    public static IReadOnlyCollection<string> PinnedLibraries
    {
        get
        {
            lock (Pinned)
            {
                return [.. Pinned];
            }
        }
    }

    private static void PinLoadedDacs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The DAC's path is whatever ClrMD chose (the target runtime's folder, or a copy); the process's own map says which.
        foreach (var path in DacPathsMappedNow())
        {
            lock (Pinned)
            {
                if (Pinned.Add(path))
                {
                    _ = NativeLibrary.Load(path); // never freed, on purpose
                }
            }
        }
    }

    private static IEnumerable<string> DacPathsMappedNow() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null)
            .OfType<string>()
            .Where(path => Path.GetFileName(path).StartsWith("libmscordac", StringComparison.Ordinal) && File.Exists(path))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
