using System.Diagnostics;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Cgroups;

/// <summary>The working set the OOM killer judges, read from a real cgroup on this machine's hierarchy.</summary>
public class WorkingSetTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task ReadWorkingSetBytes_PageCacheAndTmpfs_CountsTmpfsButNotInactiveFilePages()
    {
        var host = MemoryCgroupHostTests.OpenHost();
        var cgroup = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "ws", 256 * MiB);
        var shm = $"/dev/shm/leaklab-ws-{Guid.NewGuid():n}";
        var disk = Path.Combine(Path.GetTempPath(), $"leaklab-ws-{Guid.NewGuid():n}");
        // 32 MiB in tmpfs cannot be dropped (it is in the working set); 48 MiB written once to disk is inactive page cache.
        using var writer = Process.Start("/bin/sh", ["-c",
            $"echo $$ > {cgroup.ProcsFile}; dd if=/dev/zero of={shm} bs=1M count=32 2>/dev/null; dd if=/dev/zero of={disk} bs=1M count=48 2>/dev/null; echo done; exec sleep 300"]);
        try
        {
            await Eventually.UntilAsync(() => cgroup.ReadUsageBytes() >= 78 * MiB, TimeSpan.FromSeconds(60), "both files charged to the cgroup");
            var usage = cgroup.ReadUsageBytes()!.Value;
            var workingSet = cgroup.ReadWorkingSetBytes()!.Value;

            Assert.InRange(workingSet, 32 * MiB, usage - (40 * MiB));
        }
        finally
        {
            await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10));
            File.Delete(shm);
            File.Delete(disk);
        }
    }

    [Fact]
    public void ReadWorkingSetBytes_V2Files_SubtractsInactiveFileAndReadsMemoryEvents()
    {
        // This machine mounts the memory controller on v1 only, so the v2 layout is read from its files as the kernel writes them.
        var dir = Directory.CreateTempSubdirectory("leaklab-v2-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.current"), $"{300 * MiB}\n");
            File.WriteAllText(Path.Combine(dir, "memory.stat"), $"anon {200 * MiB}\nfile {100 * MiB}\nactive_file {20 * MiB}\ninactive_file {80 * MiB}\n");
            File.WriteAllText(Path.Combine(dir, "memory.events"), "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n");
            var cgroup = new CgroupV2MemoryCgroup(dir, 256 * MiB);

            Assert.Equal(220 * MiB, cgroup.ReadWorkingSetBytes());
            Assert.Equal(2, cgroup.ReadOomKillCount());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
