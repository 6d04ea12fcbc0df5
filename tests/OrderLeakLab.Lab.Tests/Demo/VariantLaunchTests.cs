using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Tests.Demo;

public class VariantLaunchTests
{
    private sealed class FakeCgroup : IMemoryCgroup
    {
        public string Path => "/sys/fs/cgroup/memory/leaklab/1-x-leaky";
        public string ProcsFile => Path + "/cgroup.procs";
        public long LimitBytes => 256L << 20;
        public string Kind => "cgroup v1";
        public long? ReadUsageBytes() => 0;
        public long? ReadWorkingSetBytes() => 0;
        public long ReadOomKillCount() => 0;
        public IReadOnlyList<int> ReadPids() => [];
    }

    [Fact]
    public void Create_KernelMode_SetsGcLimitAboveCgroupAndJoinsCgroupFirst()
    {
        var spec = VariantLaunch.Create("leaky", "/x/OrderService.dll", 5001, 6001, new FakeCgroup(), OomMode.Kernel, 256L << 20);
        Assert.Equal("0x40000000", spec.Environment["DOTNET_GCHeapHardLimit"]);
        Assert.Equal("leaky", spec.Environment["Orders__Variant"]);
        Assert.Equal("http://127.0.0.1:5001", spec.Environment["ASPNETCORE_URLS"]);
        Assert.Equal("http://127.0.0.1:6001", spec.Environment["Orders__AdminUrls"]);
        var psi = spec.ToStartInfo();
        Assert.Equal("/bin/sh", psi.FileName);
        Assert.Equal("-c", psi.ArgumentList[0]);
        Assert.StartsWith("echo $$ > \"$0\" || exit 125; exec ", psi.ArgumentList[1]);
        Assert.Equal(["/sys/fs/cgroup/memory/leaklab/1-x-leaky/cgroup.procs", "dotnet", "/x/OrderService.dll"], psi.ArgumentList.Skip(2));
    }

    [Fact]
    public void Create_ManagedMode_RemovesAnyInheritedGcLimit()
    {
        var spec = VariantLaunch.Create("fixed", "/x/OrderService.dll", 5001, 6001, new FakeCgroup(), OomMode.Managed, 256L << 20);
        Assert.True(spec.Environment.ContainsKey("DOTNET_GCHeapHardLimit"));
        Assert.Null(spec.Environment["DOTNET_GCHeapHardLimit"]);
    }

    [Fact]
    public void Create_NoCgroup_FallsBackToGcHeapHardLimitOfTheLimit()
    {
        var spec = VariantLaunch.Create("leaky", "/x/OrderService.dll", 5001, 6001, null, OomMode.Kernel, 256L << 20);
        Assert.Equal("0x10000000", spec.Environment["DOTNET_GCHeapHardLimit"]);
        Assert.DoesNotContain("cgroup.procs", spec.ToStartInfo().ArgumentList[1]);
    }
}
