namespace OrderLeakLab.Inspect;

/// <summary>
/// AsyncGroup is one line of the async view: pending async state machines that share a method, a state and
/// what their current awaiter waits on — the counterpart of one stack in <c>/debug/pprof/goroutine?debug=1</c>.
/// </summary>
/// <param name="Method">The async method, demangled (<c>LeakyCheckout.HandOffAsync</c>).</param>
/// <param name="State">The state machine's <c>&lt;&gt;1__state</c> (0, 1, … = suspended at that await).</param>
/// <param name="Awaiting">What the awaiter waits on: a short type name (<c>BoundedChannel.BlockedWriteAsyncOperation</c>),
/// <c>async Method</c> when it awaits another async method, or <c>(nothing)</c>.</param>
/// <param name="AwaitsAsyncMethod">True when <paramref name="Awaiting"/> is another async method (this group is not a leaf).</param>
/// <param name="BoxKind"><c>Task</c> (AsyncTaskMethodBuilder box) or <c>PooledValueTask</c> (PoolingAsyncValueTaskMethodBuilder box).</param>
/// <param name="Count">How many state machines are in the group.</param>
/// <param name="Bytes">Approximate bytes: the boxes plus the objects their fields reference directly, each object counted once.</param>
public sealed record AsyncGroup(
    string Method,
    int State,
    string Awaiting,
    bool AwaitsAsyncMethod,
    string BoxKind,
    long Count,
    long Bytes)
{
    /// <summary>The framework's standing work this group is (<c>Kestrel accept loop</c>, <c>Kestrel connection loop</c>,
    /// <c>host lifetime wait</c>, <c>framework</c>), or null for the application's own async methods.</summary>
    public string? StandingWork { get; init; }

    /// <summary>True when the group awaits another application async method (so it is not where the workers are parked).</summary>
    public bool AwaitsApplicationMethod { get; init; }

    /// <summary>Address of one state machine box of the group (a sample for retention paths; 0 when unknown).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ulong SampleAddress { get; init; }

    /// <summary>Whether this group can be a leak site: application code, and the innermost application frame of its chain.</summary>
    public bool IsParkingPlace => StandingWork is null && !AwaitsApplicationMethod;

    /// <summary>The key diffs match groups on.</summary>
    public string Key => $"{Method}|{State}|{Awaiting}";

    /// <summary>Plain words for what the group waits on (<c>awaiting a full channel</c>).</summary>
    public string AwaitingInWords => Awaiting switch
    {
        _ when Awaiting.Contains("BlockedWrite", StringComparison.Ordinal) || Awaiting.Contains("WriteAsyncOperation", StringComparison.Ordinal)
            => "awaiting a full channel",
        _ when Awaiting.Contains("BlockedRead", StringComparison.Ordinal) || Awaiting.Contains("ReadAsyncOperation", StringComparison.Ordinal)
            => "awaiting an empty channel",
        _ when Awaiting.Contains("DelayPromise", StringComparison.Ordinal) => "awaiting Task.Delay",
        "(nothing)" => "awaiting nothing",
        _ => $"awaiting {Awaiting}",
    };
}
