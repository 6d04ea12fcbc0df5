using Microsoft.Diagnostics.Runtime;
using OrderLeakLab.Inspect.Analysis;

namespace OrderLeakLab.Inspect.Heap;

/// <summary>A GC root in words: its object, how it reads (<c>static LeakyCache.Items</c>) and its kind (<c>static</c>, <c>handle</c>, …).</summary>
internal readonly record struct RetentionRoot(ulong Address, string Name, string Kind);

/// <summary>
/// RetentionRoots lists a runtime's GC roots for the retention-path search, grouped into the phases it searches them in.
/// </summary>
internal static class RetentionRoots
{
    /// <summary>
    /// The roots in search phases, each searched to the end before the next: (0) statics and handles — long-lived owners
    /// such as a DI container or a registry; (1) thread stacks; (2) the runtime's timer and thread-pool queues, which
    /// hold work in progress (a request's pending deadline reaches its worker, and through it anything the worker can
    /// reach, but it explains nothing that outlives the request); (3) the finalizer queue and the rest.
    /// </summary>
    /// <remarks>
    /// Long-lived roots are searched to the end before thread stacks: a local that happens to hold the last instance
    /// created (or the head of a linked list) would otherwise explain every instance, and explain nothing.
    /// </remarks>
    public static IEnumerable<List<RetentionRoot>> InPhases(ClrRuntime runtime) =>
        Enumerate(runtime).ToList().GroupBy(Phase).OrderBy(g => g.Key).Select(g => g.ToList());

    private static int Phase(RetentionRoot root) => root switch
    {
        { Kind: "static", Name: var r } when IsTransientWork(r) => 2,
        { Kind: "static" or "handle" } => 0,
        { Kind: "stack" } => 1,
        _ => 3,
    };

    private static bool IsTransientWork(string root) =>
        root.StartsWith("static TimerQueue", StringComparison.Ordinal) || root.StartsWith("static ThreadPool", StringComparison.Ordinal)
        || root.StartsWith("static PortableThreadPool", StringComparison.Ordinal) || root.StartsWith("static TimerQueueTimer", StringComparison.Ordinal);

    /// <summary>Roots, statics first (each named by its field), then strong handles, then stacks, then the rest.</summary>
    private static IEnumerable<RetentionRoot> Enumerate(ClrRuntime runtime)
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
                            var note = RetentionNames.IsDelegate(value.Type) ? "static event" : RetentionNames.NoteForStaticOf(type);
                            var name = $"static {StateMachineNames.ShortType(type.Name ?? "?")}.{RetentionNames.Field(field.Name)}";
                            yield return new RetentionRoot(value.Address, note is null ? name : $"{name} ({note})", "static");
                        }
                    }
                }
            }
        }

        var others = new List<RetentionRoot>();
        foreach (var root in runtime.Heap.EnumerateRoots())
        {
            if (root.Object.IsNull || !root.Object.IsValid)
            {
                continue;
            }

            switch (root)
            {
                case ClrStackRoot stack:
                    var frame = stack.StackFrame?.Method is { } m ? $"{StateMachineNames.ShortType(m.Type?.Name ?? "?")}.{StateMachineNames.MethodName(m.Name ?? "?")}" : "?";
                    others.Add(new(root.Object.Address, $"stack of thread {stack.StackFrame?.Thread?.ManagedThreadId} ({frame})", "stack"));
                    break;
                case ClrHandle handle:
                    yield return new(root.Object.Address, $"{handle.HandleKind.ToString().ToLowerInvariant()} handle", "handle");
                    break;
                default:
                    var finalizer = root.RootKind == ClrRootKind.FinalizerQueue;
                    others.Add(new(root.Object.Address, finalizer ? "finalizer queue" : root.RootKind.ToString(), finalizer ? "finalizer" : "other"));
                    break;
            }
        }

        foreach (var other in others.OrderBy(o => o.Kind == "stack" ? 0 : 1))
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
