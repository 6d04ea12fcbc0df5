using System.Diagnostics;

namespace OrderLeakLab.Lab.Cgroups;

/// <summary>
/// MemoryCgroupHost is the lab's parent memory cgroup (<c>…/leaklab</c>) on whichever hierarchy is mounted and
/// writable: cgroup v2 when its memory controller is available, else the v1 memory controller.
/// Children are named <c>&lt;lab pid&gt;-&lt;run id&gt;-&lt;variant&gt;</c> so a later run can tell a leftover of a
/// killed run (its lab pid is gone) from a live run's cgroup and sweep only the former.
/// </summary>
public sealed class MemoryCgroupHost
{
    /// <summary>Name of the lab's parent cgroup under the hierarchy's root.</summary>
    public const string ParentName = "leaklab";

    private readonly bool _v2;

    private MemoryCgroupHost(string parentPath, bool v2)
    {
        ParentPath = parentPath;
        _v2 = v2;
    }

    /// <summary>The lab's parent cgroup directory.</summary>
    public string ParentPath { get; }

    /// <summary>"cgroup v1" or "cgroup v2".</summary>
    public string Kind => _v2 ? "cgroup v2" : "cgroup v1";

    /// <summary>
    /// Finds a writable memory cgroup hierarchy and creates the lab's parent in it. Returns null, with the reason
    /// in <paramref name="whyNot"/>, when there is none (not root, read-only /sys/fs/cgroup, no memory controller).
    /// </summary>
    public static MemoryCgroupHost? TryOpen(out string? whyNot, string mountsFile = "/proc/mounts")
    {
        whyNot = null;
        var mounts = CgroupFiles.TryRead(mountsFile)?.Split('\n') ?? [];
        var reasons = new List<string>();
        foreach (var fields in mounts.Select(l => l.Split(' ')).Where(f => f.Length >= 4))
        {
            var (type, dir, opts) = (fields[2], fields[1], fields[3]);
            if (type == "cgroup2" && (CgroupFiles.TryRead(Path.Combine(dir, "cgroup.controllers")) ?? "").Split(' ', '\n').Contains("memory"))
            {
                if (TryCreateParent(dir, v2: true, reasons) is { } host)
                {
                    return host;
                }
            }
            else if (type == "cgroup" && opts.Split(',').Contains("memory"))
            {
                if (TryCreateParent(dir, v2: false, reasons) is { } host)
                {
                    return host;
                }
            }
        }

        whyNot = reasons.Count > 0 ? string.Join("; ", reasons) : "no cgroup memory controller is mounted";
        return null;
    }

    private static MemoryCgroupHost? TryCreateParent(string root, bool v2, List<string> reasons)
    {
        var parent = Path.Combine(root, ParentName);
        try
        {
            if (v2)
            {
                // Children of leaklab get a memory controller only if every ancestor delegates it.
                CgroupFiles.Write(Path.Combine(root, "cgroup.subtree_control"), "+memory");
                Directory.CreateDirectory(parent);
                CgroupFiles.Write(Path.Combine(parent, "cgroup.subtree_control"), "+memory");
            }
            else
            {
                Directory.CreateDirectory(parent);
            }

            // The parent may exist already (made by root earlier): only creating a child proves we may.
            var probe = Path.Combine(parent, $"{Environment.ProcessId}-probe");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return new MemoryCgroupHost(parent, v2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reasons.Add($"{root} ({(v2 ? "v2" : "v1")}) is not writable: {e.Message}");
            return null;
        }
    }

    /// <summary>Creates the cgroup for one variant of one run and sets its limit.</summary>
    public IMemoryCgroup Create(string runId, string variant, long limitBytes)
    {
        // Another run ending may have removed the empty parent since TryOpen (see TryRemoveParentIfEmpty).
        if (!Directory.Exists(ParentPath) && TryCreateParent(Path.GetDirectoryName(ParentPath)!, _v2, []) is null)
        {
            throw new IOException($"could not recreate {ParentPath}");
        }

        var path = Path.Combine(ParentPath, $"{Environment.ProcessId}-{runId}-{variant}");
        return _v2 ? CgroupV2MemoryCgroup.Create(path, limitBytes) : CgroupV1MemoryCgroup.Create(path, limitBytes);
    }

    /// <summary>
    /// Removes the lab's parent cgroup at the end of a run when no child cgroup is left in it; returns whether it
    /// did. Another run still using it (EBUSY) or having removed it first (ENOENT) is not an error: it stays or is gone.
    /// </summary>
    public bool TryRemoveParentIfEmpty()
    {
        try
        {
            if (Directory.EnumerateDirectories(ParentPath).Any())
            {
                return false;
            }

            Directory.Delete(ParentPath);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes a cgroup: SIGKILLs what is still inside, waits until it is empty, then removes the directory,
    /// retrying briefly (the kernel refuses rmdir while a dying process is still charged to it).
    /// </summary>
    public static async Task<bool> RemoveAsync(string path, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Directory.Exists(path))
        {
            foreach (var pid in CgroupFiles.ReadPids(Path.Combine(path, "cgroup.procs")))
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }

            try
            {
                Directory.Delete(path);
                return true;
            }
            catch (IOException) when (sw.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
            catch (IOException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the lab's cgroups left by earlier runs whose lab process no longer exists; returns their paths.</summary>
    public async Task<IReadOnlyList<string>> SweepStaleAsync()
    {
        var removed = new List<string>();
        var children = Directory.Exists(ParentPath) ? Directory.EnumerateDirectories(ParentPath).ToList() : [];
        foreach (var dir in children)
        {
            var name = Path.GetFileName(dir);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], out var owner) || IsAlive(owner))
            {
                continue;
            }

            if (await RemoveAsync(dir, TimeSpan.FromSeconds(5)))
            {
                removed.Add(dir);
            }
        }

        return removed;
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
