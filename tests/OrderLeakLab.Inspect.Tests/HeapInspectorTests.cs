using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests;

public class HeapInspectorTests
{
    [Fact]
    public async Task InspectAsync_ParkedWorkers_GroupsByMethodStateAndAwaitedObject()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 1000, pooled: 200, blockedThreads: 3);

        var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions());

        var leaf = Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.HandOffAsync");
        Assert.Equal(1000, leaf.Count);
        Assert.Contains("BlockedWriteAsyncOperation", leaf.Awaiting, StringComparison.Ordinal);
        Assert.False(leaf.AwaitsAsyncMethod);
        Assert.True(leaf.Bytes > 1000 * 100);
        var caller = Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.RunAsync");
        Assert.Equal((1000, "async WorkerHost.HandOffAsync"), (caller.Count, caller.Awaiting));
        var pooled = Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.PooledHandOffAsync");
        Assert.Equal((200, "PooledValueTask"), (pooled.Count, pooled.BoxKind));
        Assert.Equal("1,000 workers parked at WorkerHost.HandOffAsync awaiting a full channel", report.LeakSiteSummary());
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("live")]
    [InlineData("dump")]
    public async Task InspectAsync_EachWayOfReading_SameGroupsAndTypesAndNoFileLeft(string mode)
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 500);
        var folder = Directory.CreateTempSubdirectory("leaklab-dumps-");
        try
        {
            var options = new InspectOptions { Live = mode == "live", Dump = mode == "dump", KeepDump = false, DumpDirectory = folder.FullName, Heap = true };

            var report = await HeapInspector.InspectAsync(target.Pid, options);

            Assert.Equal(mode, report.Mode);
            Assert.Equal(500, Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.HandOffAsync").Count);
            Assert.Contains(report.HeapTypes, t => t.Type.Contains("HandOffAsync", StringComparison.Ordinal) && t.Count == 500);
            Assert.Empty(folder.EnumerateFiles()); // the dump is deleted once analysed
            Assert.Equal("pong", await target.SendAsync("ping"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task InspectAsync_CallerAwaitsWorker_ChainCoalescedWithCount()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 300);

        var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions());

        var chain = report.Chains[0];
        Assert.Equal(["WorkerHost.HandOffAsync", "WorkerHost.RunAsync"], chain.Frames);
        Assert.Equal(300, chain.Count);
    }

    [Fact]
    public async Task InspectAsync_BlockedThreads_GroupedByIdenticalStack()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 0, blockedThreads: 4);

        var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions());

        var blocked = Assert.Single(report.ThreadGroups, t => t.Frames.Contains("WorkerHost.BlockOn"));
        Assert.Equal(4, blocked.Count);
    }

    [Fact]
    public async Task InspectAsync_GcFirst_UnrootedWorkersNotCounted()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 100, unrooted: 5000);

        var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions { GcFirst = true });

        Assert.True(report.GcFirst);
        Assert.Equal(100, Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.HandOffAsync").Count);
    }

    [Fact]
    public async Task InspectAsync_Dump_KeepsFileAndCountsTheSame()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 500);
        var folder = Directory.CreateTempSubdirectory("leaklab-dump-test").FullName;
        try
        {
            var report = await HeapInspector.InspectAsync(target.Pid, new InspectOptions { Dump = true, DumpDirectory = folder });

            Assert.Equal("dump", report.Mode);
            Assert.True(File.Exists(report.DumpPath));
            Assert.Equal(500, Assert.Single(report.AsyncGroups, g => g.Method == "WorkerHost.HandOffAsync").Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task InspectAsync_AfterInspection_TargetStillRuns()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 2000);

        await HeapInspector.InspectAsync(target.Pid, new InspectOptions());

        Assert.Equal("pong", await target.SendAsync("ping"));
        Assert.Equal("ok", await target.SendAsync("add 10"));
    }

    [Fact]
    public async Task InspectAsync_CancelledBeforeAnalysis_TargetResumed()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 2000);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HeapInspector.InspectAsync(target.Pid, new InspectOptions(), cts.Token));

        Assert.Equal("pong", await target.SendAsync("ping"));
    }

    [Fact]
    public async Task InspectAsync_CancelledDuringAnalysis_TargetResumed()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 50_000);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        try
        {
            await HeapInspector.InspectAsync(target.Pid, new InspectOptions(), cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected on most runs; either way the target must run on.
        }

        Assert.Equal("pong", await target.SendAsync("ping"));
    }

    [Fact]
    public async Task InspectAsync_NonDotNetProcess_ThrowsOneLineReason()
    {
        using var sleep = new SleepProcess();

        var e = await Assert.ThrowsAsync<InspectionException>(() => HeapInspector.InspectAsync(sleep.Pid, new InspectOptions()));

        Assert.Contains("is not a .NET process", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task InspectAsync_NoSuchProcess_ThrowsOneLineReason()
    {
        var e = await Assert.ThrowsAsync<InspectionException>(() => HeapInspector.InspectAsync(ExitedPid.Get(), new InspectOptions()));

        Assert.StartsWith("no process with pid", e.Message, StringComparison.Ordinal);
    }
}
