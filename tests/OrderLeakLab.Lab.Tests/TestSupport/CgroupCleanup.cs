using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Tests.Cgroups;

namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>
/// CgroupCleanup checks that a run left no memory cgroup behind, at the paths the lab actually used: the ones it
/// printed ("NAME: started pid N in CGROUP"), which must sit under the product's own parent (<see cref="MemoryCgroupHost"/>:
/// the v1 memory controller or the v2 unified tree, whichever this machine has), not at a path the test assumes.
/// </summary>
internal static class CgroupCleanup
{
    /// <summary>Fails unless every started process ran in a cgroup under the lab's parent, each is gone, and no cgroup of lab pid <paramref name="labPid"/> is left.</summary>
    public static void AssertRemoved(IReadOnlyList<(string Name, int Pid, string Cgroup)> started, int labPid, string when)
    {
        var host = MemoryCgroupHostTests.OpenHost();
        try
        {
            Assert.NotEmpty(started);
            foreach (var (name, pid, cgroup) in started)
            {
                // An empty path would make "is it gone?" pass without looking at anything.
                Assert.True(cgroup.Length > 0, $"{name} (pid {pid}) ran in no cgroup, so there is nothing to check {when}");
                Assert.True(Path.GetDirectoryName(cgroup) == host.ParentPath, $"{name}'s cgroup {cgroup} is not under the lab's parent {host.ParentPath} ({host.Kind})");
                Assert.False(Directory.Exists(cgroup), $"{cgroup} ({host.Kind}) is still there {when}");
            }

            // Also those it created but never announced (e.g. a variant interrupted before its process started).
            Assert.Empty(Directory.EnumerateDirectories(host.ParentPath, $"{labPid}-*"));
        }
        finally
        {
            // The parent itself goes when empty, unless another run still uses it; opening the host (re)created it.
            host.TryRemoveParentIfEmpty();
        }
    }

    /// <summary>Fails if lab pid <paramref name="labPid"/> left any cgroup under the lab's parent (for runs that started nothing).</summary>
    public static void AssertNoneLeft(int labPid, string when)
    {
        var host = MemoryCgroupHostTests.OpenHost();
        try
        {
            var left = Directory.EnumerateDirectories(host.ParentPath, $"{labPid}-*").ToList();
            Assert.True(left.Count == 0, $"{string.Join(", ", left)} ({host.Kind}) left {when}");
        }
        finally
        {
            host.TryRemoveParentIfEmpty();
        }
    }
}
