namespace OrderLeakLab.Lab.Cgroups;

/// <summary>CgroupV2MemoryCgroup is a directory in the unified hierarchy with the memory controller enabled.</summary>
internal sealed class CgroupV2MemoryCgroup(string path, long limitBytes) : IMemoryCgroup
{
    public string Path { get; } = path;

    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    public long LimitBytes { get; } = limitBytes;

    public string Kind => "cgroup v2";

    /// <summary>
    /// Creates the directory and sets <c>memory.max</c>; <c>memory.swap.max</c> is set to 0 when present so the
    /// limit means what it says (as a container runtime does without swap).
    /// </summary>
    public static CgroupV2MemoryCgroup Create(string path, long limitBytes)
    {
        Directory.CreateDirectory(path);
        CgroupFiles.Write(System.IO.Path.Combine(path, "memory.max"), limitBytes.ToString());
        var swap = System.IO.Path.Combine(path, "memory.swap.max");
        if (File.Exists(swap))
        {
            CgroupFiles.Write(swap, "0");
        }

        return new CgroupV2MemoryCgroup(path, limitBytes);
    }

    public long? ReadUsageBytes() => CgroupFiles.ReadLong(System.IO.Path.Combine(Path, "memory.current"));

    public long? ReadWorkingSetBytes() =>
        CgroupFiles.WorkingSet(ReadUsageBytes(), System.IO.Path.Combine(Path, "memory.stat"), "inactive_file");

    public long ReadOomKillCount() => CgroupFiles.ReadKeyed(System.IO.Path.Combine(Path, "memory.events"), "oom_kill");

    public IReadOnlyList<int> ReadPids() => CgroupFiles.ReadPids(ProcsFile);
}
