using OrderLeakLab.Inspect.Analysis;
using Frame = OrderLeakLab.Inspect.Analysis.ThreadStackGrouper.RawFrame;

namespace OrderLeakLab.Inspect.Tests.Analysis;

public class ThreadStackGrouperTests
{
    private static readonly Frame[] App = [new("Shop.Worker", "BlockOn"), new("Shop.Worker+<>c", "<Start>b__0_0"), new("System.Threading.Thread", "StartCallback")];

    [Fact]
    public void Fold_SpinningAndSleepingInSameWait_SameKeyAndBlockedIn()
    {
        Frame[] spinning = [new("System.Threading.Thread", "SleepInternal"), new("System.Threading.SpinWait", "SpinOnceCore"), new("System.Threading.ManualResetEventSlim", "Wait"), .. App];
        Frame[] sleeping = [new("System.Threading.Monitor", "<ObjWait>g____PInvoke|8_0"), new("System.Threading.Monitor", "ObjWait"), new("System.Threading.Monitor", "Wait"), new("System.Threading.ManualResetEventSlim", "Wait"), .. App];

        var (a, b) = (ThreadStackGrouper.Fold(spinning, 24, false, 1), ThreadStackGrouper.Fold(sleeping, 24, false, 2));

        Assert.Equal(a.Key, b.Key);
        Assert.Equal("ManualResetEventSlim.Wait", a.BlockedIn);
        Assert.Equal(["ManualResetEventSlim.Wait", "Worker.BlockOn", "Worker.Start.lambda", "Thread.StartCallback"], a.Frames);
        Assert.Equal(("Worker.BlockOn", false, (string?)null), (a.ApplicationFrame, a.SyncOverAsync, a.StandingWork));
    }

    [Fact]
    public void Fold_TaskResultUnderDifferentFrameworkCallers_OneSyncOverAsyncKey()
    {
        Frame[] waits = [new("System.Threading.ManualResetEventSlim", "Wait"), new("System.Threading.Tasks.Task", "SpinThenBlockingWait"),
            new("System.Threading.Tasks.Task", "InternalWaitCore"), new("System.Threading.Tasks.Task<System.String>", "GetResultCore"),
            new("System.Threading.Tasks.Task<System.String>", "get_Result"), new("Shop.Api", "Get")];
        Frame[] viaKestrel = [.. waits, new("Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol+<ProcessRequests>d__1", "MoveNext")];
        Frame[] viaPool = [.. waits, new("System.Threading.ThreadPoolWorkQueue", "Dispatch")];

        var (a, b) = (ThreadStackGrouper.Fold(viaKestrel, 24, false, 1), ThreadStackGrouper.Fold(viaPool, 24, false, 2));

        Assert.Equal(a.Key, b.Key);
        Assert.True(a.SyncOverAsync);
        Assert.Equal(("Task.get_Result", "Api.Get"), (a.BlockedIn, a.ApplicationFrame));
    }

    [Fact]
    public void Fold_IdleThreadPoolWorker_StandingWorkNotApplication()
    {
        Frame[] idle = [new("System.Threading.LowLevelLifoSemaphore", "WaitForSignal"), new("System.Threading.LowLevelLifoSemaphore", "Wait"),
            new("System.Threading.PortableThreadPool+WorkerThread", "WorkerDoWork"), new("System.Threading.Thread", "StartCallback")];

        var folded = ThreadStackGrouper.Fold(idle, 24, false, 1);

        Assert.Equal(("LowLevelLifoSemaphore.Wait", (string?)null, "idle thread-pool worker"), (folded.BlockedIn, folded.ApplicationFrame, folded.StandingWork));
    }

    [Fact]
    public void Fold_MainThreadInHostWaitForShutdown_HostLifetimeWaitNotSyncOverAsync()
    {
        Frame[] main = [new("System.Threading.ManualResetEventSlim", "Wait"), new("System.Runtime.CompilerServices.TaskAwaiter", "GetResult"),
            new("Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions", "WaitForShutdown"), new("Shop.Program", "Main")];

        var folded = ThreadStackGrouper.Fold(main, 24, false, 1);

        Assert.Equal((false, "host lifetime wait", (string?)null), (folded.SyncOverAsync, folded.StandingWork, folded.ApplicationFrame));
    }
}
