namespace OrderLeakLab.Inspect.Tests.TestTarget;

/// <summary>
/// RetentionTargetProgram keeps N objects alive through one kind of root, prints "ready" and waits for stdin to
/// close: <c>static</c> — a static list (<see cref="LeakyCache.Items"/>); <c>event</c> — handlers on a long-lived
/// publisher's event (<see cref="OrderEvents.Changed"/>); <c>token</c> — registrations on a long-lived
/// <see cref="CancellationTokenSource"/> (<see cref="Lifetime.Stopping"/>).
/// </summary>
public static class RetentionTargetProgram
{
    public static int Run(string kind, int count)
    {
        for (var i = 0; i < count; i++)
        {
            switch (kind)
            {
                case "static":
                    LeakyCache.Items.Add(new LeakedOrder(i, new string('x', 32)));
                    break;
                case "event":
                    OrderEvents.Instance.Changed += new EventSubscriber(i).OnChanged;
                    break;
                case "token":
                    Lifetime.Stopping.Token.Register(new TokenWatcher(i).OnStopping);
                    break;
                default:
                    Console.Error.WriteLine("usage: retain static|event|token COUNT");
                    return 2;
            }
        }

        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            Console.WriteLine(line == "ping" ? "pong" : "ok");
        }

        return 0;
    }
}

/// <summary>A static list that only grows.</summary>
public static class LeakyCache
{
    public static readonly List<LeakedOrder> Items = [];
}

/// <summary>What the static list keeps.</summary>
public sealed record LeakedOrder(int Id, string Note);

/// <summary>A long-lived publisher (one per process).</summary>
public sealed class OrderEvents
{
    public static readonly OrderEvents Instance = new();

    public event EventHandler? Changed;

    public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
}

/// <summary>Subscribes and never unsubscribes.</summary>
public sealed class EventSubscriber(int id)
{
    public int Seen { get; private set; }

    public void OnChanged(object? sender, EventArgs e) => Seen += id;
}

/// <summary>A source that lives as long as the process, like IHostApplicationLifetime.ApplicationStopping's.</summary>
public static class Lifetime
{
    public static readonly CancellationTokenSource Stopping = new();
}

/// <summary>Registers on the long-lived token and never disposes the registration.</summary>
public sealed class TokenWatcher(int id)
{
    public int Stopped { get; private set; }

    public void OnStopping() => Stopped = id;
}
