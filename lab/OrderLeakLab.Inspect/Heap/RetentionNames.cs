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
            _ when IsSingletonSlot(holder, field) => DiSingleton,
            _ when name.StartsWith("System.Threading.CancellationTokenSource+Registrations", StringComparison.Ordinal)
                || name.StartsWith("System.Threading.CancellationTokenSource+CallbackNode", StringComparison.Ordinal) => "CancellationToken registration",
            _ when name.StartsWith("System.Threading.CancellationTokenSource", StringComparison.Ordinal) => "CancellationTokenSource",
            _ when name.StartsWith("System.Threading.TimerQueue", StringComparison.Ordinal) || name == "System.Threading.TimerHolder" => "timer",
            _ when name.StartsWith("System.Threading.ThreadPoolWorkQueue", StringComparison.Ordinal) => "thread-pool queue",
            ContainerTypeName or "Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope" => "DI container",
            // A field-like event's backing field carries the event's name; delegates inside the runtime's own types are plumbing.
            _ when IsDelegate(type) && field is not null && !field.StartsWith('[') && !field.StartsWith('_') && CodeOrigin.MentionsApplication(holder?.Name)
                => $"event {field} (delegate)",
            _ => null,
        };
    }

    /// <summary>The note on an object the DI container keeps as a singleton.</summary>
    public const string DiSingleton = "DI singleton";

    /// <summary>The full name of Microsoft.Extensions.DependencyInjection's container, whose singletons a path prefers to pass.</summary>
    public const string ContainerTypeName = "Microsoft.Extensions.DependencyInjection.ServiceProvider";

    /// <summary>
    /// Whether <paramref name="field"/> of <paramref name="holder"/> is where the container keeps a resolved singleton: a
    /// call site's cached <c>Value</c> (every singleton the root provider resolved) or the value captured by the accessor
    /// the provider compiled for it (<c>ServiceProvider+&lt;&gt;c__DisplayClass…</c>.<c>value</c>). Read from .NET 10's heap.
    /// </summary>
    private static bool IsSingletonSlot(ClrType? holder, string? field) => holder?.Name is { } h && (
        field == "Value" && h.StartsWith("Microsoft.Extensions.DependencyInjection.ServiceLookup.", StringComparison.Ordinal) && h.EndsWith("CallSite", StringComparison.Ordinal)
        || field == "value" && h.StartsWith(ContainerTypeName + "+<>c__DisplayClass", StringComparison.Ordinal));

    /// <summary>What a static field of <paramref name="declaring"/> roots, when the type says so: the runtime's timers or thread-pool queues.</summary>
    public static string? NoteForStaticOf(ClrType declaring) => declaring.Name switch
    {
        "System.Threading.TimerQueue" or "System.Threading.TimerQueueTimer" => "timer",
        "System.Threading.ThreadPool" or "System.Threading.ThreadPoolWorkQueue" or "System.Threading.PortableThreadPool" => "thread-pool queue",
        _ => null,
    };

    /// <summary>A field as a path shows it: <c>&lt;Task&gt;k__BackingField</c> → <c>Task</c>; other names as written.</summary>
    public static string Field(string? field) =>
        field is null ? "?" : field.StartsWith('<') && field.IndexOf(">k__BackingField", StringComparison.Ordinal) is var end and > 0 ? field[1..end] : field;

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
