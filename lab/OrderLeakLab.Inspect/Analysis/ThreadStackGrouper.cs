using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>Groups live managed threads by identical managed stack, most first.</summary>
internal static class ThreadStackGrouper
{
    public static IReadOnlyList<ThreadGroup> Group(ClrRuntime runtime, int maxFrames, CancellationToken cancellationToken)
    {
        var stacks = new List<(string Key, List<string> Frames, int Id)>();
        foreach (var thread in runtime.Threads.Where(t => t.IsAlive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frames = thread.EnumerateStackTrace()
                .Where(f => f.Method is not null)
                .Take(maxFrames)
                .Select(f => FrameName(f.Method!))
                .ToList();
            if (frames.Count == 0)
            {
                frames.Add(thread.IsFinalizer ? "(finalizer, no managed frames)" : "(no managed frames)");
            }

            stacks.Add((string.Join('\n', frames), frames, thread.ManagedThreadId));
        }

        return stacks.GroupBy(s => s.Key)
            .Select(g => new ThreadGroup(g.First().Frames, g.Count(), g.Select(s => s.Id).Take(20).ToList()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Frames[0], StringComparer.Ordinal)
            .ToList();
    }

    private static string FrameName(ClrMethod method)
    {
        var typeName = method.Type?.Name ?? "?";
        var last = typeName[(typeName.LastIndexOf('+') + 1)..];
        return last.StartsWith('<') && method.Name == "MoveNext"
            ? StateMachineNames.MethodOf(typeName)
            : $"{StateMachineNames.ShortType(typeName)}.{StateMachineNames.MethodName(method.Name ?? "?")}";
    }
}
