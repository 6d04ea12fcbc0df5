namespace OrderLeakLab.Lab.Model;

/// <summary>TargetTimeline is everything recorded about one target in a run: the samples and the exits.</summary>
/// <param name="Name">The target's name (<c>leaky</c>, <c>fixed</c>, or a soak target's name).</param>
/// <param name="LimitBytes">Its memory limit, when known.</param>
/// <param name="Samples">One sample per tick, in time order.</param>
/// <param name="Exits">Every exit, in time order (empty for a target the lab did not start).</param>
public sealed record TargetTimeline(
    string Name,
    long? LimitBytes,
    IReadOnlyList<TargetSample> Samples,
    IReadOnlyList<ExitRecord> Exits);
