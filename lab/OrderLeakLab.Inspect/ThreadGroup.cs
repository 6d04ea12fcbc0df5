namespace OrderLeakLab.Inspect;

/// <summary>
/// ThreadGroup is a set of managed threads parked at the same place. The runtime's blocking and spinning frames
/// on top (Monitor.Wait, ManualResetEventSlim.Wait, SpinWait, …) are folded into <see cref="BlockedIn"/>, so a
/// thread still spinning and one already asleep in the same wait form one group.
/// </summary>
/// <param name="Frames">Managed frames, innermost first, as <c>Type.Method</c>; the first is the outermost folded wait when there is one.</param>
/// <param name="Count">Threads in the group.</param>
/// <param name="ManagedThreadIds">Their managed thread ids (at most 20 listed).</param>
public sealed record ThreadGroup(IReadOnlyList<string> Frames, int Count, IReadOnlyList<int> ManagedThreadIds)
{
    /// <summary>The wait the threads are blocked in (<c>ManualResetEventSlim.Wait</c>, <c>Task.get_Result</c>), or null when they are not blocked.</summary>
    public string? BlockedIn { get; init; }

    /// <summary>True when the threads wait for a task synchronously (Task.Result, Wait(), GetAwaiter().GetResult()).</summary>
    public bool SyncOverAsync { get; init; }

    /// <summary>The first application frame (innermost), or null when every frame is the framework's.</summary>
    public string? ApplicationFrame { get; init; }

    /// <summary>The framework's standing work this group is (<c>idle thread-pool worker</c>, <c>host lifetime wait</c>, …), or null for application threads.</summary>
    public string? StandingWork { get; init; }

    /// <summary>One line for people: <c>60 threads blocked in sync-over-async (Task.get_Result) at Shop.Checkout</c>.</summary>
    public string Describe()
    {
        var count = $"{Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} thread{(Count == 1 ? "" : "s")}";
        return SyncOverAsync ? $"{count} blocked in sync-over-async ({BlockedIn}) at {ApplicationFrame ?? Frames[^1]}"
            : BlockedIn is not null ? $"{count} blocked in {BlockedIn} at {ApplicationFrame ?? Frames.Skip(1).FirstOrDefault() ?? BlockedIn}"
            : $"{count} at {ApplicationFrame ?? Frames[0]}";
    }
}
