using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.OrderService.Metrics;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Metrics;

public sealed class MemoryLimitReaderTests : IDisposable
{
    private const long V1Unlimited = 9223372036854771712;
    private readonly string _root = Directory.CreateTempSubdirectory("memlimit-").FullName;

    [Fact]
    public void ReadCgroup_V1ParentLimitSmaller_ParentWins()
    {
        Write("proc/self/cgroup", "12:cpu,cpuacct:/a/b\n9:memory:/a/b\n0::/a/b\n");
        Write("cgroup/memory/a/b/memory.limit_in_bytes", V1Unlimited + "\n");
        Write("cgroup/memory/a/memory.limit_in_bytes", "314572800\n");
        Write("cgroup/memory/memory.limit_in_bytes", V1Unlimited + "\n");

        var limit = Reader().ReadCgroup();

        Assert.Equal(new MemoryLimit(314572800, "cgroup-v1"), limit);
    }

    [Fact]
    public void ReadCgroup_V1Unlimited_Null()
    {
        Write("proc/self/cgroup", "9:memory:/\n");
        Write("cgroup/memory/memory.limit_in_bytes", V1Unlimited + "\n");

        Assert.Null(Reader().ReadCgroup());
    }

    [Fact]
    public void ReadCgroup_V2Limit_ReadsMemoryMax()
    {
        Write("proc/self/cgroup", "0::/lab/leaky\n");
        Write("cgroup/lab/leaky/memory.max", "268435456\n");
        Write("cgroup/lab/memory.max", "max\n");

        Assert.Equal(new MemoryLimit(268435456, "cgroup-v2"), Reader().ReadCgroup());
    }

    [Fact]
    public void ReadCgroup_V2Max_Null()
    {
        Write("proc/self/cgroup", "0::/x\n");
        Write("cgroup/x/memory.max", "max\n");

        Assert.Null(Reader().ReadCgroup());
    }

    [Fact]
    public void ReadCgroup_NoProcFile_Null() => Assert.Null(Reader().ReadCgroup());

    [Fact]
    public void Read_NoCgroup_FallsBackToTheGcLimit()
    {
        var limit = Reader().Read();

        Assert.Equal("gc", limit.Source);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, limit.Bytes);
    }

    // 300 MiB cgroup: with .NET defaults (GC derives 225 MiB), with a hard limit above it (the lab's --oom kernel)
    // and with a hard limit below it (128 MiB, which then is the binding one).
    [Theory]
    [InlineData(null, 314572800)]
    [InlineData("0x40000000", 314572800)]
    [InlineData("0x8000000", 134217728)]
    public async Task Read_ProcessInRealMemoryCgroup_ReportsTheBindingLimit(string? heapHardLimit, long expected)
    {
        // The lab's own cgroup implementation (cgroup v1 or v2, whichever this machine mounts), as the demo uses it.
        var host = MemoryCgroupHost.TryOpen(out var whyNot) ?? throw new InvalidOperationException($"this test needs root and memory cgroups: {whyNot}");
        var cgroup = host.Create($"test{Guid.NewGuid():N}"[..12], "fixed", 300L * 1024 * 1024);
        try
        {
            await using var service = await OrderServiceProcess.StartAsync(new OrderServiceOptions
            {
                Variant = "fixed",
                CgroupProcsFile = cgroup.ProcsFile,
                Environment = new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = heapHardLimit },
            });

            var metrics = await service.GetMetricsAsync();

            Assert.Contains(service.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllLines(cgroup.ProcsFile));
            Assert.Equal(expected, metrics.Value("orders_memory_limit_bytes"));
        }
        finally
        {
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(30)), $"{cgroup.Path} could not be removed");
            host.TryRemoveParentIfEmpty();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private MemoryLimitReader Reader() => new(Path.Combine(_root, "proc"), Path.Combine(_root, "cgroup"));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
