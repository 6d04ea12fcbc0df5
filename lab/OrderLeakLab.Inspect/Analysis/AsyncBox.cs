namespace OrderLeakLab.Inspect.Analysis;

/// <summary>One pending async state machine box found on the heap.</summary>
internal sealed record AsyncBox(
    ulong Address,
    string Method,
    int State,
    string Awaiting,
    ulong AwaitedAddress,
    bool AwaitsAsyncMethod,
    string BoxKind,
    long Bytes,
    ulong ContinuationAddress,
    string? StandingWork,
    bool AwaitsApplicationMethod);
