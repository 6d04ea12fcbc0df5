namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// BlockingFrames recognises the runtime's blocking and spinning primitives at the top of a thread's stack —
/// Monitor.Wait and its P/Invoke twin, ManualResetEventSlim.Wait, SemaphoreSlim.Wait, SpinWait, Thread.Sleep,
/// Task.Wait/Result, TaskAwaiter.GetResult, … — so that a thread still spinning and one already asleep at the
/// same place fold into one group, and so that sync-over-async (a thread blocked on a task) is named as such.
/// </summary>
internal static class BlockingFrames
{
    private static readonly string[] PrimitiveTypes =
    [
        "System.Threading.Monitor", "System.Threading.SpinWait", "System.Threading.ManualResetEventSlim",
        "System.Threading.SemaphoreSlim", "System.Threading.WaitHandle", "System.Threading.EventWaitHandle",
        "System.Threading.Mutex", "System.Threading.Semaphore", "System.Threading.WaitSubsystem",
        "System.Threading.LowLevelLifoSemaphore", "System.Threading.LowLevelMonitor", "System.Threading.LowLevelSpinWaiter",
        "System.Threading.LowLevelLock", "System.Threading.Lock", "System.Threading.CountdownEvent", "System.Threading.Barrier",
        "System.Threading.ReaderWriterLockSlim", "System.Threading.SpinLock", "System.Threading.Tasks.Task",
        "System.Runtime.CompilerServices.TaskAwaiter", "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
        "System.Runtime.CompilerServices.ValueTaskAwaiter", "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
        "Interop", "ILStubClass",
    ];

    private static readonly string[] ThreadMethods = ["Sleep", "SleepInternal", "Yield", "YieldInternal", "SpinWait", "SpinWaitInternal", "Join", "UninterruptibleSleep0"];

    private static readonly string[] SyncOverAsyncMethods =
        ["Wait", "InternalWait", "InternalWaitCore", "SpinThenBlockingWait", "GetResultCore", "get_Result", "GetResult", "WaitAll", "WaitAny", "WaitAllCore", "WaitAnyCore"];

    /// <summary>Whether the frame is a blocking or spinning primitive of the runtime.</summary>
    public static bool IsPrimitive(string fullTypeName, string method)
    {
        var type = StateMachineNames.StripGenericArguments(fullTypeName);
        if (type == "System.Threading.Thread")
        {
            return ThreadMethods.Any(m => method == m || method.StartsWith($"<{m}>", StringComparison.Ordinal));
        }

        if (type.StartsWith("System.Threading.Tasks.Task", StringComparison.Ordinal) && !IsTaskType(type))
        {
            return false; // TaskScheduler, TaskFactory, …: not a wait
        }

        return PrimitiveTypes.Any(p => type == p || type.StartsWith(p + "+", StringComparison.Ordinal)
            || (p.EndsWith("Awaiter", StringComparison.Ordinal) || p.EndsWith("Awaitable", StringComparison.Ordinal)) && type.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether a primitive frame means "this thread waits for a task": Task.Wait/Result, GetAwaiter().GetResult().</summary>
    public static bool IsTaskWait(string fullTypeName, string method)
    {
        var type = StateMachineNames.StripGenericArguments(fullTypeName);
        return (IsTaskType(type) || type.StartsWith("System.Runtime.CompilerServices.TaskAwaiter", StringComparison.Ordinal)
                || type.StartsWith("System.Runtime.CompilerServices.ConfiguredTaskAwaitable", StringComparison.Ordinal))
            && SyncOverAsyncMethods.Contains(method);
    }

    private static bool IsTaskType(string type) => type is "System.Threading.Tasks.Task" || type.StartsWith("System.Threading.Tasks.Task+", StringComparison.Ordinal);
}
