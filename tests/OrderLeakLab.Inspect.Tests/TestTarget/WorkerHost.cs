using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OrderLeakLab.Inspect.Tests.TestTarget;

/// <summary>WorkerHost holds the worker methods whose names the inspection tests look for.</summary>
public static class WorkerHost
{
    /// <summary>The outer worker: awaits the hand-off (so the chain is RunAsync ← HandOffAsync).</summary>
    public static async Task RunAsync(ChannelWriter<int> writer, int value)
    {
        await Task.Yield();
        await HandOffAsync(writer, value);
    }

    private static int _handOffs;

    /// <summary>How many hand-offs have begun (each parks at once on its full channel).</summary>
    public static int HandOffs => Volatile.Read(ref _handOffs);

    /// <summary>Parks on a full channel forever.</summary>
    public static async Task HandOffAsync(ChannelWriter<int> writer, int value)
    {
        Interlocked.Increment(ref _handOffs);
        await writer.WriteAsync(value);
    }

    /// <summary>A pooled ValueTask worker parked on the same channel (the box SOS dumpasync misses).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask PooledHandOffAsync(ChannelWriter<int> writer, int value) => await writer.WriteAsync(value);

    /// <summary>Blocks a thread forever (the other kind of leak), counting itself in <paramref name="entered"/> first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BlockOn(ManualResetEventSlim gate, ref int entered)
    {
        Interlocked.Increment(ref entered);
        gate.Wait();
    }
}
