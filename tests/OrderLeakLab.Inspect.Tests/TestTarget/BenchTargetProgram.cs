using System.Threading.Channels;

namespace OrderLeakLab.Inspect.Tests.TestTarget;

/// <summary>
/// BenchTargetProgram is the inspect benchmark's target (<c>loadtests/bench/inspect.sh</c>): WORKERS async workers parked
/// on a full channel, rooted in a static registry, each keeping OBJECTS small objects alive; BUSY threads allocate and
/// drop short-lived orders without pause (a process under load: the GC runs all the time). Prints "ready", then waits
/// for stdin to close.
/// </summary>
public static class BenchTargetProgram
{
    private static readonly List<Task> Registry = [];
    private static long _churned;

    public static int Run(int workers, int objects, int busy)
    {
        var channel = Channel.CreateBounded<int>(1);
        channel.Writer.TryWrite(0);
        for (var i = 0; i < workers; i++)
        {
            Registry.Add(KeepAsync(channel.Writer, Enumerable.Range(0, objects).Select(n => new LeakedOrder(n, "sku")).ToArray()));
        }

        for (var i = 0; i < busy; i++)
        {
            new Thread(Churn) { IsBackground = true }.Start();
        }

        Console.WriteLine("ready");
        while (Console.ReadLine() is not null)
        {
        }

        GC.KeepAlive(Registry);
        return 0;
    }

    private static async Task KeepAsync(ChannelWriter<int> writer, LeakedOrder[] items)
    {
        await writer.WriteAsync(items.Length);
        GC.KeepAlive(items); // used after the await: the state machine keeps the orders while it is parked
    }

    private static void Churn()
    {
        while (true)
        {
            var batch = Enumerable.Range(0, 256).Select(n => new LeakedOrder(n, new string('x', 64))).ToList();
            Interlocked.Add(ref _churned, batch.Count);
        }
    }
}
