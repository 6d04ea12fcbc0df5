using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Tests.TestSupport;
using Xunit.Sdk;

namespace OrderLeakLab.Lab.Tests.Cgroups;

/// <summary>The Ctrl-C tests' cgroup check can fail, on whichever hierarchy the product uses here (v1 or v2).</summary>
public class CgroupCleanupTests
{
    [Fact]
    public async Task AssertRemoved_CgroupLeftBehind_Fails()
    {
        var host = MemoryCgroupHostTests.OpenHost();
        var cgroup = host.Create("t" + Guid.NewGuid().ToString("n")[..6], "left", 16L * 1024 * 1024);
        try
        {
            var error = Assert.ThrowsAny<XunitException>(() => CgroupCleanup.AssertRemoved([("left", 1, cgroup.Path)], Environment.ProcessId, "after the run"));

            Assert.Contains($"{cgroup.Path} ({host.Kind}) is still there", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)));
            host.TryRemoveParentIfEmpty();
        }
    }

    [Fact]
    public void AssertRemoved_ProcessInNoCgroup_FailsRatherThanPassingUnchecked()
    {
        var error = Assert.ThrowsAny<XunitException>(() => CgroupCleanup.AssertRemoved([("app", 1, "")], Environment.ProcessId, "after the run"));

        Assert.Contains("ran in no cgroup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertRemoved_PathOutsideTheLabsParent_Fails()
    {
        var error = Assert.ThrowsAny<XunitException>(() => CgroupCleanup.AssertRemoved([("app", 1, "/sys/fs/cgroup/elsewhere/1-x-app")], Environment.ProcessId, "after the run"));

        Assert.Contains("is not under the lab's parent", error.Message, StringComparison.Ordinal);
    }
}
