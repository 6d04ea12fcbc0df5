using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Soak;

/// <summary>SoakTarget is one service a soak drives load at, and where its figures are read from.</summary>
/// <param name="Name">The name used in output, the report and <c>--expect</c>.</param>
/// <param name="Url">The base URL the order scenario posts to (<c>{Url}/orders</c>); loopback only.</param>
/// <param name="Source">Where its memory and workers come from (its <c>/metrics</c>, or a PID source).</param>
public sealed record SoakTarget(string Name, Uri Url, ISampleSource Source);
