using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// Groups live managed threads by where they are parked, most first: blocking and spinning frames on top are
/// folded (see <see cref="BlockingFrames"/>), and threads waiting for a task synchronously are grouped by their
/// first application frame, whatever the framework frames below it.
/// </summary>
internal static class ThreadStackGrouper
{
    public static IReadOnlyList<ThreadGroup> Group(ClrRuntime runtime, int maxFrames, CancellationToken cancellationToken)
    {
        var threads = new List<FoldedStack>();
        foreach (var thread in runtime.Threads.Where(t => t.IsAlive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Keep more than maxFrames raw frames: the folded wait frames at the top do not count against the limit.
            var raw = thread.EnumerateStackTrace()
                .Where(f => f.Method is not null)
                .Take(maxFrames + 32)
                .Select(f => new RawFrame(f.Method!.Type?.Name ?? "?", f.Method.Name ?? "?"))
                .ToList();
            threads.Add(Fold(raw, maxFrames, thread.IsFinalizer, thread.ManagedThreadId));
        }

        return threads.GroupBy(s => s.Key)
            .Select(g =>
            {
                var first = g.First();
                return new ThreadGroup(first.Frames, g.Count(), g.Select(s => s.Id).Take(20).ToList())
                {
                    BlockedIn = first.BlockedIn,
                    SyncOverAsync = first.SyncOverAsync,
                    ApplicationFrame = first.ApplicationFrame,
                    StandingWork = first.StandingWork,
                };
            })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Frames[0], StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Folds one thread's frames (innermost first).</summary>
    internal static FoldedStack Fold(IReadOnlyList<RawFrame> raw, int maxFrames, bool isFinalizer, int id)
    {
        var top = 0;
        while (top < raw.Count && BlockingFrames.IsPrimitive(raw[top].Type, raw[top].Method))
        {
            top++;
        }

        var waits = raw.Take(top).ToList();
        var rest = raw.Skip(top).Take(maxFrames).ToList();
        var blockedIn = waits.Count == 0 ? null : FrameName(waits[^1]);
        // A wait called straight from the framework's standing work (the host's WaitForShutdown on the main thread,
        // Kestrel's heartbeat) is that work, even when an application frame sits further down.
        var callerWork = rest.Count > 0 ? CodeOrigin.StandingWork(rest[0].Type) : null;
        var standingCaller = waits.Count > 0 && callerWork is not null and not "framework" ? callerWork : null;
        var syncOverAsync = standingCaller is null && waits.Any(w => BlockingFrames.IsTaskWait(w.Type, w.Method));
        var app = standingCaller is null ? rest.FirstOrDefault(f => !CodeOrigin.IsFramework(f.Type)) : null;
        var appFrame = app is null ? null : FrameName(app);
        var frames = (blockedIn is null ? [] : new List<string> { blockedIn }).Concat(rest.Select(FrameName)).ToList();
        if (frames.Count == 0)
        {
            frames.Add(isFinalizer ? "(finalizer, no managed frames)" : "(no managed frames)");
        }

        // Sync-over-async threads form one group per application frame, whatever the framework frames below it.
        var key = syncOverAsync && appFrame is not null ? $"sync-over-async|{blockedIn}|{appFrame}" : string.Join('\n', frames);
        var standing = standingCaller ?? (appFrame is not null ? null
            : raw.Select(f => CodeOrigin.StandingWork(f.Type)).FirstOrDefault(s => s is not null and not "framework") ?? "framework");
        return new FoldedStack(key, frames, id, blockedIn, syncOverAsync, appFrame, standing);
    }

    private static string FrameName(RawFrame frame)
    {
        var last = frame.Type[(frame.Type.LastIndexOf('+') + 1)..];
        return last.StartsWith('<') && frame.Method == "MoveNext"
            ? StateMachineNames.MethodOf(frame.Type)
            : $"{StateMachineNames.ShortType(frame.Type)}.{StateMachineNames.MethodName(frame.Method)}";
    }

    /// <summary>A managed frame as ClrMD names it: full type name and method name.</summary>
    internal sealed record RawFrame(string Type, string Method);

    /// <summary>One thread after folding.</summary>
    internal sealed record FoldedStack(string Key, List<string> Frames, int Id, string? BlockedIn, bool SyncOverAsync, string? ApplicationFrame, string? StandingWork);
}
