namespace OrderLeakLab.OrderService.Workers;

/// <summary>
/// WorkerStage says where a worker is parked: the method and what it awaits. <c>/debug/workers</c> groups by it,
/// the way <c>/debug/pprof/goroutine?debug=1</c> groups goroutines by stack.
/// </summary>
/// <param name="Method">The frame, e.g. <c>LeakyCheckout.HandOffAsync</c>.</param>
/// <param name="Awaiting">What it waits for, e.g. <c>a full channel (ChannelWriter.WriteAsync)</c>.</param>
public sealed record WorkerStage(string Method, string Awaiting)
{
    /// <summary>One line: <c>Method awaiting Awaiting</c>.</summary>
    public override string ToString() => $"{Method} awaiting {Awaiting}";
}
