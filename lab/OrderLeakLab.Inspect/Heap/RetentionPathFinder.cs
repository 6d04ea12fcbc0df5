using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;
using OrderLeakLab.Inspect.Analysis;

namespace OrderLeakLab.Inspect.Heap;

/// <summary>
/// Finds the shortest path from a GC root to one instance of each wanted type (or to a wanted object): one
/// breadth-first search from every root at once — static fields first, then handles, then thread stacks — that
/// stops when every target is found or a bound (objects, depth, time) is reached, and says which bound cut it.
/// </summary>
internal sealed class RetentionPathFinder(ClrRuntime runtime, int maxDepth, long maxObjects, TimeSpan maxTime)
{
    private readonly ClrHeap _heap = runtime.Heap;
    private readonly Dictionary<ulong, ulong> _parents = []; // object → the object that first reached it (0 for a root)
    private readonly Dictionary<ulong, (string Root, string Kind)> _roots = [];

    /// <summary>Searches; <paramref name="types"/> maps a method table to what it is searched for, <paramref name="objects"/> an address likewise.</summary>
    /// <remarks>
    /// Long-lived roots (statics, handles) are searched to the end before thread stacks: a local that happens to hold
    /// the last instance created (or the head of a linked list) would otherwise explain every instance, and explain nothing.
    /// </remarks>
    public (IReadOnlyList<RetentionPath> Paths, RetentionSearch Search) Find(
        IReadOnlyDictionary<ulong, string> types, IReadOnlyDictionary<ulong, string> objects, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var found = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var wanted = types.Values.Concat(objects.Values).ToHashSet(StringComparer.Ordinal);
        var roots = Roots().ToList();
        var phases = new Queue<List<(ulong Address, string Root, string Kind)>>(
            roots.GroupBy(r => Phase(r)).OrderBy(g => g.Key).Select(g => g.ToList()));
        var level = new List<ulong>();
        string? cut = null;
        string? depthCut = null;
        var depth = 0;
        var deepest = 0;
        while (found.Count < wanted.Count && cut is null)
        {
            if (level.Count == 0)
            {
                if (phases.Count == 0)
                {
                    break;
                }

                depth = 0;
                foreach (var (address, root, kind) in phases.Dequeue())
                {
                    if (_parents.TryAdd(address, 0))
                    {
                        _roots[address] = (root, kind);
                        level.Add(address);
                    }
                }

                continue;
            }

            if (depth >= maxDepth)
            {
                depthCut = $"depth limit {maxDepth}"; // this phase ends here; the next one still runs
                level = [];
                continue;
            }

            var next = new List<ulong>();
            foreach (var address in level)
            {
                var obj = _heap.GetObject(address);
                Match(obj, types, objects, found);
                if (_parents.Count >= maxObjects)
                {
                    cut = $"object limit {maxObjects:N0}";
                    break;
                }

                if ((_parents.Count & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (clock.Elapsed > maxTime)
                    {
                        cut = $"time limit {maxTime.TotalSeconds:0} s";
                        break;
                    }
                }

                if (!obj.IsValid || !obj.ContainsPointers)
                {
                    continue;
                }

                foreach (var child in obj.EnumerateReferences(carefully: true, considerDependantHandles: true))
                {
                    if (!child.IsNull && child.IsValid && _parents.TryAdd(child.Address, address))
                    {
                        next.Add(child.Address);
                    }
                }
            }

            level = next;
            deepest = Math.Max(deepest, ++depth);
        }

        var paths = found.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => PathTo(kv.Key, kv.Value)).ToList();
        return (paths, new RetentionSearch(_parents.Count, deepest, clock.Elapsed, found.Count < wanted.Count ? cut ?? depthCut : null));
    }

    private static void Match(ClrObject obj, IReadOnlyDictionary<ulong, string> types, IReadOnlyDictionary<ulong, string> objects, Dictionary<string, ulong> found)
    {
        if (objects.TryGetValue(obj.Address, out var forObject))
        {
            found.TryAdd(forObject, obj.Address);
        }

        if (obj.Type is { } type && types.TryGetValue(type.MethodTable, out var forType))
        {
            found.TryAdd(forType, obj.Address);
        }
    }

    private RetentionPath PathTo(string target, ulong address)
    {
        var chain = new List<ulong>();
        for (var current = address; current != 0; current = _parents[current])
        {
            chain.Add(current);
        }

        chain.Reverse();
        var links = new List<RetentionLink>();
        string? heldAs = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var obj = _heap.GetObject(chain[i]);
            // Field names are found again here, for the few objects on a path, rather than stored for every object visited.
            var holds = i + 1 < chain.Count ? FieldTo(obj, chain[i + 1]) : null;
            links.Add(new RetentionLink(RetentionNames.Short(obj.Type), holds, RetentionNames.NoteFor(obj.Type, heldAs, i > 0 ? _heap.GetObjectType(chain[i - 1]) : null)));
            heldAs = holds;
        }

        var (root, kind) = _roots[chain[0]];
        return new RetentionPath(target, root, kind, links);
    }

    private static string? FieldTo(ClrObject holder, ulong child)
    {
        foreach (var reference in holder.EnumerateReferencesWithFields(carefully: true, considerDependantHandles: true))
        {
            if (reference.Object.Address == child)
            {
                return FieldName(reference);
            }
        }

        return null;
    }

    private static string? FieldName(ClrReference reference)
    {
        if (reference.IsDependentHandle)
        {
            return "(dependent handle)";
        }

        if (reference.IsArrayElement)
        {
            return "[]";
        }

        if (!reference.IsField || reference.Field is null)
        {
            return null;
        }

        var name = Clean(reference.Field.Name);
        for (var inner = reference.InnerField; inner is { } i && i.Field is not null; inner = i.InnerField)
        {
            name += "." + Clean(i.Field.Name);
        }

        return name;
    }

    /// <summary><c>&lt;Task&gt;k__BackingField</c> → <c>Task</c>; other names as written.</summary>
    private static string Clean(string? field) =>
        field is null ? "?" : field.StartsWith('<') && field.IndexOf(">k__BackingField", StringComparison.Ordinal) is var end and > 0 ? field[1..end] : field;

    /// <summary>
    /// The order in which roots are searched, each kind to the end before the next: (0) statics and handles — long-lived
    /// owners such as a DI singleton or a registry; (1) thread stacks; (2) the runtime's timer and thread-pool queues,
    /// which hold work in progress (a request's pending deadline reaches its worker, and through it anything the worker
    /// can reach, but it explains nothing that outlives the request); (3) the finalizer queue and the rest.
    /// </summary>
    private static int Phase((ulong Address, string Root, string Kind) root) => root switch
    {
        { Kind: "static", Root: var r } when IsTransientWork(r) => 2,
        { Kind: "static" or "handle" } => 0,
        { Kind: "stack" } => 1,
        _ => 3,
    };

    private static bool IsTransientWork(string root) =>
        root.StartsWith("static TimerQueue", StringComparison.Ordinal) || root.StartsWith("static ThreadPool", StringComparison.Ordinal)
        || root.StartsWith("static PortableThreadPool", StringComparison.Ordinal) || root.StartsWith("static TimerQueueTimer", StringComparison.Ordinal);

    /// <summary>Roots, statics first (each named by its field), then strong handles, then stacks, then the rest.</summary>
    private IEnumerable<(ulong Address, string Root, string Kind)> Roots()
    {
        foreach (var domain in runtime.AppDomains)
        {
            foreach (var module in domain.Modules)
            {
                foreach (var type in SafeTypesWithStatics(module))
                {
                    foreach (var field in type.StaticFields.Where(f => f.IsObjectReference))
                    {
                        var value = SafeRead(field, domain);
                        if (!value.IsNull && value.IsValid)
                        {
                            var note = RetentionNames.IsDelegate(value.Type) ? " (static event)" : "";
                            yield return (value.Address, $"static {StateMachineNames.ShortType(type.Name ?? "?")}.{Clean(field.Name)}{note}", "static");
                        }
                    }
                }
            }
        }

        var others = new List<(ulong, string, string)>();
        foreach (var root in _heap.EnumerateRoots())
        {
            if (root.Object.IsNull || !root.Object.IsValid)
            {
                continue;
            }

            switch (root)
            {
                case ClrStackRoot stack:
                    var frame = stack.StackFrame?.Method is { } m ? $"{StateMachineNames.ShortType(m.Type?.Name ?? "?")}.{StateMachineNames.MethodName(m.Name ?? "?")}" : "?";
                    others.Add((root.Object.Address, $"stack of thread {stack.StackFrame?.Thread?.ManagedThreadId} ({frame})", "stack"));
                    break;
                case ClrHandle handle:
                    yield return (root.Object.Address, $"{handle.HandleKind.ToString().ToLowerInvariant()} handle", "handle");
                    break;
                default:
                    others.Add((root.Object.Address, root.RootKind == ClrRootKind.FinalizerQueue ? "finalizer queue" : root.RootKind.ToString(),
                        root.RootKind == ClrRootKind.FinalizerQueue ? "finalizer" : "other"));
                    break;
            }
        }

        foreach (var other in others.OrderBy(o => o.Item3 == "stack" ? 0 : 1))
        {
            yield return other;
        }
    }

    private static IEnumerable<ClrType> SafeTypesWithStatics(ClrModule module)
    {
        try
        {
            return module.EnumerateTypesWithStaticFields().ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            return [];
        }
    }

    private static ClrObject SafeRead(ClrStaticField field, ClrAppDomain domain)
    {
        try
        {
            return field.IsInitialized(domain) ? field.ReadObject(domain) : default;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            return default;
        }
    }

}
