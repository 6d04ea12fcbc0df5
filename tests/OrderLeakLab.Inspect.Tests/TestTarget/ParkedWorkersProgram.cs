using System.Threading.Channels;

namespace OrderLeakLab.Inspect.Tests.TestTarget;

/// <summary>
/// ParkedWorkersProgram is the entry point of the test assembly when started as a process: it parks a known
/// number of async workers on a full bounded channel (rooted in a registry, like the leaky order service),
/// some pooled ValueTask workers, some unrooted workers (collectable) and some blocked threads, prints
/// "ready", then answers commands on stdin until it closes: <c>ping</c> → <c>pong</c> (proves it still runs),
/// <c>add N</c> parks N more rooted workers, <c>transient N</c> parks N workers on a second channel and
/// <c>drain</c> lets those finish (load and cooldown for the diff tests).
/// </summary>
public static class ParkedWorkersProgram
{
    private static readonly List<Task> Registry = [];
    private static readonly List<Task> PooledRegistry = [];

    private static int _blockedEntered;

    /// <summary>Usage: <c>park WORKERS POOLED UNROOTED BLOCKED_THREADS</c>, or <c>web</c> (see <see cref="WebTargetProgram"/>).</summary>
    public static int Main(string[] args)
    {
        if (args is ["web", ..])
        {
            return WebTargetProgram.Run();
        }

        if (args is ["retain", var kind, var count])
        {
            return RetentionTargetProgram.Run(kind, int.Parse(count));
        }

        if (args is ["bench", var benchWorkers, var objects, var busy])
        {
            return BenchTargetProgram.Run(int.Parse(benchWorkers), int.Parse(objects), int.Parse(busy));
        }

        if (args.Length != 5 || args[0] != "park")
        {
            Console.Error.WriteLine("usage: park WORKERS POOLED UNROOTED BLOCKED_THREADS");
            return 2;
        }

        var (workers, pooled, unrooted, blocked) = (int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));
        var channel = Channel.CreateBounded<int>(1);
        channel.Writer.TryWrite(0);
        for (var i = 0; i < workers; i++)
        {
            Registry.Add(WorkerHost.RunAsync(channel.Writer, i));
        }

        for (var i = 0; i < pooled; i++)
        {
            PooledRegistry.Add(WorkerHost.PooledHandOffAsync(channel.Writer, i).AsTask());
        }

        StartUnrooted(unrooted);
        using var gate = new ManualResetEventSlim();
        for (var i = 0; i < blocked; i++)
        {
            new Thread(() => WorkerHost.BlockOn(gate, ref _blockedEntered)) { IsBackground = true }.Start();
        }

        // "ready" only once every worker has reached its hand-off (RunAsync yields to the pool first) and every
        // blocking thread is inside BlockOn: a worker or thread caught on its way there is counted elsewhere.
        SpinWait.SpinUntil(() => WorkerHost.HandOffs == workers + unrooted && Volatile.Read(ref _blockedEntered) == blocked);

        Console.WriteLine("ready");
        var transient = Channel.CreateBounded<int>(1);
        transient.Writer.TryWrite(0);
        var next = workers;
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "add":
                    for (var i = 0; i < int.Parse(parts[1]); i++)
                    {
                        Registry.Add(WorkerHost.RunAsync(channel.Writer, next++));
                    }

                    break;
                case "transient":
                    for (var i = 0; i < int.Parse(parts[1]); i++)
                    {
                        Registry.Add(WorkerHost.HandOffAsync(transient.Writer, next++));
                    }

                    break;
                case "drain":
                    _ = Task.Run(async () =>
                    {
                        await foreach (var _ in transient.Reader.ReadAllAsync())
                        {
                        }
                    });
                    break;
            }

            Console.WriteLine(parts[0] == "ping" ? "pong" : "ok");
        }

        GC.KeepAlive(Registry);
        GC.KeepAlive(PooledRegistry);
        return 0;
    }

    private static void StartUnrooted(int count)
    {
        // Nothing keeps these channels or workers alive: a full GC collects them.
        for (var i = 0; i < count; i++)
        {
            var lonely = Channel.CreateBounded<int>(1);
            lonely.Writer.TryWrite(0);
            _ = WorkerHost.HandOffAsync(lonely.Writer, i);
        }
    }
}
