using System.Diagnostics;
using OrderLeakLab.Lab.Cgroups;

namespace OrderLeakLab.Lab.Tests.Cgroups;

public class MemoryCgroupHostTests
{
    internal static MemoryCgroupHost OpenHost() =>
        MemoryCgroupHost.TryOpen(out var whyNot) ?? throw new InvalidOperationException($"these tests need a writable memory cgroup: {whyNot}");

    [Fact]
    public async Task Create_WithLimit_KernelReportsLimitAndRemoveDeletesIt()
    {
        var host = OpenHost();
        var cgroup = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "probe", 48L * 1024 * 1024);
        try
        {
            Assert.True(Directory.Exists(cgroup.Path));
            var limitFile = host.Kind == "cgroup v1" ? "memory.limit_in_bytes" : "memory.max";
            Assert.Equal((48L * 1024 * 1024).ToString(), File.ReadAllText(Path.Combine(cgroup.Path, limitFile)).Trim());
            var memsw = Path.Combine(cgroup.Path, "memory.memsw.limit_in_bytes");
            if (File.Exists(memsw))
            {
                Assert.Equal((48L * 1024 * 1024).ToString(), File.ReadAllText(memsw).Trim());
            }

            Assert.Equal(0, cgroup.ReadOomKillCount());
            Assert.Empty(cgroup.ReadPids());
        }
        finally
        {
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)));
        }

        Assert.False(Directory.Exists(cgroup.Path));
    }

    [Fact]
    public async Task RemoveAsync_WithProcessInside_KillsItAndRemoves()
    {
        var host = OpenHost();
        var cgroup = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "busy", 64L * 1024 * 1024);
        using var sleeper = Process.Start("/bin/sh", ["-c", $"echo $$ > {cgroup.ProcsFile}; exec sleep 300"]);
        try
        {
            await Eventually.UntilAsync(() => cgroup.ReadPids().Contains(sleeper.Id), TimeSpan.FromSeconds(30), "sleep joins the cgroup");
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)));
            await sleeper.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(Directory.Exists(cgroup.Path));
        }
        finally
        {
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }

            await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task SweepStaleAsync_OwnerGone_RemovesOnlyTheStaleOne()
    {
        var host = OpenHost();
        using var gone = Process.Start("/bin/true")!;
        await gone.WaitForExitAsync();
        var stale = Path.Combine(host.ParentPath, $"{gone.Id}-t{Guid.NewGuid().ToString("n")[..6]}-leaky");
        var mine = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "fixed", 64L * 1024 * 1024);
        Directory.CreateDirectory(stale);
        try
        {
            var removed = await host.SweepStaleAsync();
            Assert.Contains(stale, removed);
            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(mine.Path));
        }
        finally
        {
            await MemoryCgroupHost.RemoveAsync(stale, TimeSpan.FromSeconds(5));
            await MemoryCgroupHost.RemoveAsync(mine.Path, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task TryRemoveParentIfEmpty_ChildCgroupLeft_KeepsParent()
    {
        var host = OpenHost();
        var cgroup = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "fixed", 64L * 1024 * 1024);
        try
        {
            Assert.False(host.TryRemoveParentIfEmpty());
            Assert.True(Directory.Exists(cgroup.Path));
        }
        finally
        {
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)));
            host.TryRemoveParentIfEmpty(); // as a run does at its end; other runs' cgroups keep it
        }
    }

    [Fact]
    public void TryOpen_NoMemoryController_SaysWhy()
    {
        var mounts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(mounts, "proc /proc proc rw 0 0\n");
            Assert.Null(MemoryCgroupHost.TryOpen(out var whyNot, mounts));
            Assert.Contains("no cgroup memory controller", whyNot);
        }
        finally
        {
            File.Delete(mounts);
        }
    }
}
