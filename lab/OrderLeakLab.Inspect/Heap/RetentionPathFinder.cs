using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Heap;

/// <summary>
/// Finds the shortest path from a GC root to one instance of each wanted type (or to a wanted object): one
/// breadth-first search from every root at once, in phases (<see cref="RetentionRoots.InPhases"/>), that stops when
/// every target is found or a bound (objects, depth, time) is reached, and says which bound cut it.
/// When the process has a DI container (<see cref="RetentionNames.ContainerTypeName"/>), a second search from the
/// container finds, for each target it reaches, a path through the container's singletons; that path — from the GC
/// root that keeps the container, through the container, to the target — is preferred whenever it passes a DI
/// singleton: "a singleton holds it" is the answer a reader acts on, whereas the shortest path often runs through
/// whatever request or timer happened to touch the same objects.
/// </summary>
internal sealed class RetentionPathFinder(ClrRuntime runtime, int maxDepth, long maxObjects, TimeSpan maxTime, IReadOnlySet<ulong>? containerTypes = null)
{
    private readonly ClrHeap _heap = runtime.Heap;
    private readonly Dictionary<ulong, RetentionRoot> _roots = [];

    /// <summary>Searches; <paramref name="types"/> maps a method table to what it is searched for, <paramref name="objects"/> an address likewise.</summary>
    public (IReadOnlyList<RetentionPath> Paths, RetentionSearch Search) Find(
        IReadOnlyDictionary<ulong, string> types, IReadOnlyDictionary<ulong, string> objects, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var wanted = types.Values.Concat(objects.Values).ToHashSet(StringComparer.Ordinal);
        var containers = new List<ulong>();
        var waitForContainer = containerTypes is { Count: > 0 } && wanted.Count > 0;

        // Pass 1: from the GC roots; it also goes on until it has reached a container, whose path pass 2 builds on.
        var fromRoots = new Walk();
        var phases = RetentionRoots.InPhases(runtime).Select(phase => phase.Select(root => _roots.TryAdd(root.Address, root) ? root.Address : 0).Where(a => a != 0).ToList());
        Search(fromRoots, phases, clock, cancellationToken, obj =>
        {
            Match(obj, types, objects, fromRoots.Found);
            if (obj.Type is { } type && containerTypes is not null && containerTypes.Contains(type.MethodTable))
            {
                containers.Add(obj.Address);
            }

            return fromRoots.Found.Count == wanted.Count && (!waitForContainer || containers.Count > 0);
        });

        // Pass 2: from the containers reached, for the targets whose shortest path passes no DI singleton.
        var fromContainers = new Walk();
        var paths = fromRoots.Found.ToDictionary(kv => kv.Key, kv => PathTo(kv.Key, Chain(fromRoots, kv.Value)), StringComparer.Ordinal);
        var open = wanted.Where(w => !paths.TryGetValue(w, out var p) || !p.Named.Contains(RetentionNames.DiSingleton)).ToHashSet(StringComparer.Ordinal);
        if (containers.Count > 0 && open.Count > 0 && fromRoots.Cut is null)
        {
            Search(fromContainers, [containers], clock, cancellationToken, obj =>
            {
                Match(obj, types, objects, fromContainers.Found);
                return open.All(fromContainers.Found.ContainsKey);
            });
            foreach (var (target, address) in fromContainers.Found.Where(kv => open.Contains(kv.Key)))
            {
                var path = PathTo(target, Join(Chain(fromRoots, Chain(fromContainers, address)[0]), Chain(fromContainers, address)));
                if (path.Named.Contains(RetentionNames.DiSingleton))
                {
                    paths[target] = path;
                }
            }
        }

        var missing = paths.Count < wanted.Count;
        var cut = missing ? fromRoots.Cut ?? fromRoots.DepthCut : null;
        return (paths.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList(),
            new RetentionSearch(fromRoots.Parents.Count + fromContainers.Parents.Count, Math.Max(fromRoots.Deepest, fromContainers.Deepest), clock.Elapsed, cut));
    }

    /// <summary>One breadth-first search's state: who reached whom, what was found, how deep it went and what cut it.</summary>
    private sealed class Walk
    {
        public Dictionary<ulong, ulong> Parents { get; } = []; // object → the object that first reached it (0 for a start)

        public Dictionary<string, ulong> Found { get; } = new(StringComparer.Ordinal);

        public int Deepest { get; set; }

        public string? Cut { get; set; }

        public string? DepthCut { get; set; }
    }

    /// <summary>
    /// Breadth-first from each phase's starts in turn (a phase to the end before the next), calling <paramref name="visit"/>
    /// on every object reached until it returns true, the phases run out or a bound cuts the search (recorded in <paramref name="walk"/>).
    /// </summary>
    private void Search(Walk walk, IEnumerable<List<ulong>> phases, Stopwatch clock, CancellationToken cancellationToken, Func<ClrObject, bool> visit)
    {
        foreach (var phase in phases)
        {
            var level = phase.Where(a => walk.Parents.TryAdd(a, 0)).ToList();
            for (var depth = 0; level.Count > 0; depth++)
            {
                if (depth >= maxDepth)
                {
                    walk.DepthCut = $"depth limit {maxDepth}"; // this phase ends here; the next one still runs
                    break;
                }

                var next = new List<ulong>();
                foreach (var address in level)
                {
                    var obj = _heap.GetObject(address);
                    if (visit(obj))
                    {
                        return;
                    }

                    if (walk.Parents.Count >= maxObjects)
                    {
                        walk.Cut = $"object limit {maxObjects:N0}";
                        return;
                    }

                    if ((walk.Parents.Count & 0x3FFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (clock.Elapsed > maxTime)
                        {
                            walk.Cut = $"time limit {maxTime.TotalSeconds:0} s";
                            return;
                        }
                    }

                    if (!obj.IsValid || !obj.ContainsPointers)
                    {
                        continue;
                    }

                    foreach (var child in obj.EnumerateReferences(carefully: true, considerDependantHandles: true))
                    {
                        if (!child.IsNull && child.IsValid && walk.Parents.TryAdd(child.Address, address))
                        {
                            next.Add(child.Address);
                        }
                    }
                }

                level = next;
                walk.Deepest = Math.Max(walk.Deepest, depth + 1);
            }
        }
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

    /// <summary>The objects from the walk's start to <paramref name="address"/>.</summary>
    private static List<ulong> Chain(Walk walk, ulong address)
    {
        var chain = new List<ulong>();
        for (var current = address; current != 0; current = walk.Parents[current])
        {
            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>
    /// The path to a container followed by the path from it (which starts at the container); where the second passes an
    /// object the first already did, it continues from there, so that no object appears twice.
    /// </summary>
    private static List<ulong> Join(List<ulong> toContainer, List<ulong> fromContainer)
    {
        var at = toContainer.Select((address, index) => (address, index)).ToDictionary(p => p.address, p => p.index);
        for (var j = fromContainer.Count - 1; j >= 0; j--)
        {
            if (at.TryGetValue(fromContainer[j], out var i))
            {
                return [.. toContainer.Take(i), .. fromContainer.Skip(j)];
            }
        }

        return [.. toContainer, .. fromContainer]; // unreachable: the container itself is on both
    }

    private RetentionPath PathTo(string target, List<ulong> chain)
    {
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

        var root = _roots[chain[0]];
        return new RetentionPath(target, root.Name, root.Kind, links);
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

        var name = RetentionNames.Field(reference.Field.Name);
        for (var inner = reference.InnerField; inner is { } i && i.Field is not null; inner = i.InnerField)
        {
            name += "." + RetentionNames.Field(i.Field.Name);
        }

        return name;
    }
}
