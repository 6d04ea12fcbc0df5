namespace OrderLeakLab.Lab.Cgroups;

/// <summary>CgroupV1MemoryCgroup is a directory under the v1 memory controller (e.g. <c>/sys/fs/cgroup/memory</c>).</summary>
internal sealed class CgroupV1MemoryCgroup(string path, long limitBytes) : IMemoryCgroup
{
    public string Path { get; } = path;

    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    public long LimitBytes { get; } = limitBytes;

    public string Kind => "cgroup v1";

    /// <summary>
    /// Creates the directory and sets <c>memory.limit_in_bytes</c>, then <c>memory.memsw.limit_in_bytes</c> (memory
    /// plus swap) to the same value when swap accounting exists, so the limit holds as in a pod without swap.
    /// memsw must never be below the memory limit, hence the order.
    /// </summary>
    public static CgroupV1MemoryCgroup Create(string path, long limitBytes)
    {
        Directory.CreateDirectory(path);
        CgroupFiles.Write(System.IO.Path.Combine(path, "memory.limit_in_bytes"), limitBytes.ToString());
        var memsw = System.IO.Path.Combine(path, "memory.memsw.limit_in_bytes");
        if (File.Exists(memsw))
        {
            CgroupFiles.Write(memsw, limitBytes.ToString());
        }

        return new CgroupV1MemoryCgroup(path, limitBytes);
    }

    public long? ReadUsageBytes() => CgroupFiles.ReadLong(System.IO.Path.Combine(Path, "memory.usage_in_bytes"));

    public long? ReadWorkingSetBytes() =>
        CgroupFiles.WorkingSet(ReadUsageBytes(), System.IO.Path.Combine(Path, "memory.stat"), "total_inactive_file");

    public long ReadOomKillCount() => CgroupFiles.ReadKeyed(System.IO.Path.Combine(Path, "memory.oom_control"), "oom_kill");

    public IReadOnlyList<int> ReadPids() => CgroupFiles.ReadPids(ProcsFile);
}
