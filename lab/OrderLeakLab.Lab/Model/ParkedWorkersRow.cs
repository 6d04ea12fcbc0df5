namespace OrderLeakLab.Lab.Model;

/// <summary>
/// ParkedWorkersRow is one line of the report's "where the workers are parked" table: a group of parked async
/// workers (or blocked threads) of one target, as <c>leaklab inspect</c> groups them.
/// </summary>
/// <param name="Target">The target the process belongs to (<c>leaky</c>, <c>fixed</c>, …).</param>
/// <param name="Where">The method and state they are parked in, e.g. <c>OrderWorker.RunAsync (state 1)</c>.</param>
/// <param name="Awaiting">What they await, e.g. <c>ChannelWriter.WriteAsync</c>; empty when unknown.</param>
/// <param name="Count">How many are parked there.</param>
/// <param name="OldestAge">Age of the oldest, when known.</param>
public sealed record ParkedWorkersRow(string Target, string Where, string Awaiting, long Count, TimeSpan? OldestAge);
