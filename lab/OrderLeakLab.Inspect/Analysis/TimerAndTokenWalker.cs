using System.Text.RegularExpressions;
using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// TimerAndTokenWalker finds the two leak sites that are not parked methods: scheduled timers grouped by the callback
/// they fire and the state they keep (an unstopped timer per request), and cancellation token sources with many
/// registrations (linked sources never disposed pile up on a long-lived token such as ApplicationStopping).
/// One pass over the heap.
/// </summary>
internal static partial class TimerAndTokenWalker
{
    /// <summary>Fewest registrations on one source worth listing.</summary>
    public const int ManyRegistrations = 100;

    private const uint Infinite = uint.MaxValue;
    private const int MaxNodesPerSource = 10_000_000;

    public static (IReadOnlyList<TimerGroup> Timers, IReadOnlyList<TokenRegistrationGroup> Registrations) Walk(ClrRuntime runtime, CancellationToken cancellationToken)
    {
        var heap = runtime.Heap;
        var timers = new Dictionary<(string, string, long?), long>();
        var sources = new List<ClrObject>();
        var names = new Dictionary<ulong, string>();
        var seen = 0;
        foreach (var obj in heap.EnumerateObjects(carefully: true))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!obj.IsValid || obj.Type?.Name is not { } type)
            {
                continue;
            }

            if (type == "System.Threading.TimerQueueTimer" && Timer(runtime, obj) is { } key)
            {
                timers[key] = timers.GetValueOrDefault(key) + 1;
            }
            else if (type is "System.Threading.CancellationTokenSource" || type.StartsWith("System.Threading.CancellationTokenSource+Linked", StringComparison.Ordinal))
            {
                sources.Add(obj);
            }
            else if (type == "Microsoft.Extensions.Hosting.Internal.ApplicationLifetime")
            {
                Name(obj, "_stoppingSource", "IHostApplicationLifetime.ApplicationStopping", names);
                Name(obj, "_startedSource", "IHostApplicationLifetime.ApplicationStarted", names);
                Name(obj, "_stoppedSource", "IHostApplicationLifetime.ApplicationStopped", names);
            }
        }

        var groups = timers.Select(t => new TimerGroup(t.Key.Item1, t.Key.Item2, t.Key.Item3, t.Value))
            .OrderByDescending(g => g.Count).ToList();
        var registrations = sources.Select(s => Registrations(s, names, cancellationToken)).OfType<TokenRegistrationGroup>()
            .OrderByDescending(r => r.Registrations).ToList();
        return (groups, registrations);
    }

    private static (string, string, long?)? Timer(ClrRuntime runtime, ClrObject timer)
    {
        if (timer.TryReadField<bool>("_canceled", out var canceled) && canceled)
        {
            return null;
        }

        if (timer.TryReadField<uint>("_dueTime", out var due) && due == Infinite)
        {
            return null; // created or changed to never fire: not scheduled
        }

        long? period = timer.TryReadField<uint>("_period", out var p) && p != Infinite && p != 0 ? p : null;
        var state = timer.TryReadObjectField("_state", out var s) && !s.IsNull && s.IsValid ? s : default;
        var callback = timer.TryReadObjectField("_timerCallback", out var c) && !c.IsNull && c.IsValid && c.IsDelegate
            ? c.AsDelegate().GetDelegateTarget()?.Method is { } method ? $"{StateMachineNames.ShortType(method.Type?.Name ?? "?")}.{StateMachineNames.MethodName(method.Name ?? "?")}" : "?"
            : "?";
        if (state.Type?.Name is { } stateType && stateType.Contains("DelayPromise", StringComparison.Ordinal))
        {
            // Task.Delay: name the async method awaiting it, which is what the timer keeps alive.
            var awaiter = state.TryReadObjectField("m_continuationObject", out var k) && !k.IsNull && k.IsValid && k.Type?.Name is { } box
                && StateMachine().Match(box) is { Success: true } m ? $"{StateMachineNames.ShortType(m.Groups["owner"].Value)}.{m.Groups["method"].Value}" : "?";
            return ("Task.Delay awaited by " + awaiter, "DelayPromise", period);
        }

        return (callback, state.IsNull || state.Type is null ? "null" : StateMachineNames.ShortType(state.Type.Name ?? "?"), period);
    }

    private static TokenRegistrationGroup? Registrations(ClrObject source, Dictionary<ulong, string> names, CancellationToken cancellationToken)
    {
        if (!source.TryReadObjectField("_registrations", out var registrations) || registrations.IsNull || !registrations.IsValid
            || !registrations.TryReadObjectField("Callbacks", out var node))
        {
            return null;
        }

        long count = 0;
        var states = new Dictionary<string, long>();
        while (!node.IsNull && node.IsValid && count < MaxNodesPerSource)
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var state = node.TryReadObjectField("CallbackState", out var s) && !s.IsNull && s.IsValid && s.Type?.Name is { } t ? StateMachineNames.ShortType(t) : "null";
            states[state] = states.GetValueOrDefault(state) + 1;
            // Not `out node`: ClrObject is a struct, and the callee would clear `this` through the alias before reading.
            if (!node.TryReadObjectField("Next", out var next))
            {
                break;
            }

            node = next;
        }

        if (count < ManyRegistrations)
        {
            return null;
        }

        var top = states.MaxBy(kv => kv.Value);
        var name = names.TryGetValue(source.Address, out var known) ? known : $"{StateMachineNames.ShortType(source.Type?.Name ?? "?")} 0x{source.Address:x}";
        return new TokenRegistrationGroup(name, count, top.Key, top.Value);
    }

    private static void Name(ClrObject lifetime, string field, string name, Dictionary<ulong, string> names)
    {
        if (lifetime.TryReadObjectField(field, out var source) && !source.IsNull)
        {
            names[source.Address] = name;
        }
    }

    [GeneratedRegex(@"(?<owner>[\w.]+)\+<(?<method>\w+)>d__\d+")]
    private static partial Regex StateMachine();
}
