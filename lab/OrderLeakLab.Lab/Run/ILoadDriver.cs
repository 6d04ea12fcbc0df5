namespace OrderLeakLab.Lab.Run;

/// <summary>
/// ILoadDriver is a run's seam to the load engine (<c>loadtests/</c>): drive the load plan at every target at the
/// same open-model rate and report what each target saw, once per second.
/// </summary>
public interface ILoadDriver
{
    /// <summary>Runs the load for <paramref name="duration"/> (or until cancelled), calling <paramref name="onTick"/> per target per second.</summary>
    Task RunAsync(IReadOnlyList<LoadTarget> targets, int ratePerTarget, TimeSpan duration, Action<LoadTick> onTick, CancellationToken cancellationToken);
}
