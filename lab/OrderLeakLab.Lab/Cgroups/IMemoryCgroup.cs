namespace OrderLeakLab.Lab.Cgroups;

/// <summary>
/// IMemoryCgroup is one memory cgroup the lab created for one variant: a limit, a place for a process to join
/// before its runtime starts, and the kernel's own account of usage and OOM kills.
/// </summary>
public interface IMemoryCgroup
{
    /// <summary>The cgroup's directory, e.g. <c>/sys/fs/cgroup/memory/leaklab/4242-ab12-leaky</c>.</summary>
    string Path { get; }

    /// <summary>The file a process writes its pid to in order to join (<c>cgroup.procs</c>).</summary>
    string ProcsFile { get; }

    /// <summary>The memory limit in bytes.</summary>
    long LimitBytes { get; }

    /// <summary>"cgroup v1" or "cgroup v2", for the output.</summary>
    string Kind { get; }

    /// <summary>Current usage charged to the cgroup, or null when it cannot be read.</summary>
    long? ReadUsageBytes();

    /// <summary>
    /// The working set as the OOM killer and the kubelet judge it: usage minus inactive file pages (page cache the
    /// kernel can drop before it kills), or null when it cannot be read. v1: <c>memory.usage_in_bytes</c> −
    /// <c>total_inactive_file</c>; v2: <c>memory.current</c> − <c>inactive_file</c> (as cAdvisor computes it).
    /// </summary>
    long? ReadWorkingSetBytes();

    /// <summary>How many times the kernel's OOM killer killed a process in this cgroup (v1 <c>oom_kill</c>, v2 <c>oom_kill</c> in memory.events).</summary>
    long ReadOomKillCount();

    /// <summary>Pids currently in the cgroup.</summary>
    IReadOnlyList<int> ReadPids();
}
