namespace OrderLeakLab.Inspect;

/// <summary>
/// AsyncChain is one coalesced async call chain: the innermost parked method first, then each caller that
/// awaits it (found through the awaited task's continuation), with how many chains look exactly like this.
/// </summary>
/// <param name="Frames">Innermost first: <c>LeakyCheckout.HandOffAsync</c>, <c>Worker.RunAsync</c>, ….</param>
/// <param name="Awaiting">What the innermost frame waits on.</param>
/// <param name="Count">Number of identical chains.</param>
public sealed record AsyncChain(IReadOnlyList<string> Frames, string Awaiting, long Count);
