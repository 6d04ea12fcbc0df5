namespace OrderLeakLab.Lab.Run;

/// <summary>LoadTick is what the load generator saw at one target in one interval.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="SentPerSecond">Requests sent, per second.</param>
/// <param name="Ok">Successful responses.</param>
/// <param name="TimedOut">504s from the service plus client-side timeouts.</param>
/// <param name="Errors">Other failures (5xx, refused, reset).</param>
/// <param name="P99Ms">99th percentile latency in milliseconds, when any request completed.</param>
public sealed record LoadTick(string Target, double SentPerSecond, long Ok, long TimedOut, long Errors, double? P99Ms);
