using Microsoft.Diagnostics.Runtime;
using OrderLeakLab.Inspect.Analysis;

namespace OrderLeakLab.Inspect.Heap;

/// <summary>Names the links of a retention path that explain a leak: token registrations, timers, events, pool queues, DI.</summary>
internal static class RetentionNames
{
    /// <summary>A note for <paramref name="type"/> held through <paramref name="field"/>, or null when nothing needs saying.</summary>
    public static string? NoteFor(ClrType? type, string? field, ClrType? holder = null)
    {
        var name = type?.Name ?? "";
        return name switch
        {
            _ when name.StartsWith("System.Threading.CancellationTokenSource+Registrations", StringComparison.Ordinal)
                || name.StartsWith("System.Threading.CancellationTokenSource+CallbackNode", StringComparison.Ordinal) => "CancellationToken registration",
            _ when name.StartsWith("System.Threading.CancellationTokenSource", StringComparison.Ordinal) => "CancellationTokenSource",
            _ when name.StartsWith("System.Threading.TimerQueue", StringComparison.Ordinal) || name == "System.Threading.TimerHolder" => "timer",
            _ when name.StartsWith("System.Threading.ThreadPoolWorkQueue", StringComparison.Ordinal) => "thread-pool queue",
            _ when name.StartsWith("Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions.DependencyInjection.ServiceProvider", StringComparison.Ordinal) => "DI container",
            // A field-like event's backing field carries the event's name; delegates inside the runtime's own types are plumbing.
            _ when IsDelegate(type) && field is not null && !field.StartsWith('[') && !field.StartsWith('_') && CodeOrigin.MentionsApplication(holder?.Name)
                => $"event {field} (delegate)",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="type"/> derives from <see cref="MulticastDelegate"/>.</summary>
    public static bool IsDelegate(ClrType? type)
    {
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == "System.MulticastDelegate")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A type name for a path: namespaces and generic arguments dropped (<c>ConcurrentDictionary</c>, <c>WorkerHandle</c>).</summary>
    public static string Short(ClrType? type)
    {
        var name = type?.Name;
        if (name is null)
        {
            return "?";
        }

        if (BoxTypeCatalog.Classify(name) is not null && name.LastIndexOf("Box<", StringComparison.Ordinal) is var open and >= 0)
        {
            // AsyncStateMachineBox<…, Shop.Worker+<RunAsync>d__3>: the state machine is the last generic argument.
            var args = name[(open + 4)..^1];
            var depth = 0;
            var start = 0;
            for (var i = 0; i < args.Length; i++)
            {
                depth += args[i] == '<' ? 1 : args[i] == '>' ? -1 : 0;
                if (args[i] == ',' && depth == 0)
                {
                    start = i + 1;
                }
            }

            return $"{StateMachineNames.MethodOf(args[start..].Trim())} state machine";
        }

        return StateMachineNames.ShortType(name);
    }
}
