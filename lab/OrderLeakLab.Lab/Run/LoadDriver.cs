using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Lab.Run;

/// <summary>LoadDriver drives a <see cref="LoadPlan"/> at every target in-process (the load engine of <c>loadtests/</c>), on one shared timetable.</summary>
/// <param name="plan">What each arrival sends.</param>
/// <param name="time">The clock; default the system's.</param>
/// <param name="rampUp">The load rises linearly from 0 to the rate over this first part of the duration; default none.</param>
public sealed class LoadDriver(LoadPlan plan, TimeProvider? time = null, TimeSpan rampUp = default) : ILoadDriver
{
    /// <inheritdoc />
    public async Task RunAsync(
        IReadOnlyList<LoadTarget> targets, int ratePerTarget, TimeSpan duration, Action<LoadTick> onTick, CancellationToken cancellationToken)
    {
        var second = TimeSpan.FromSeconds(1);
        // A cold service hit with full traffic at once spends its first seconds JIT-compiling while a backlog
        // builds; the ramp lets every target warm up the same way before the judged part of the load.
        IReadOnlyList<LoadSimulation> timetable = rampUp > TimeSpan.Zero && rampUp < duration
            ? [LoadSimulation.RampingInject(ratePerTarget, second, rampUp), LoadSimulation.Inject(ratePerTarget, second, duration - rampUp)]
            : [LoadSimulation.Inject(ratePerTarget, second, duration)];
        var scenarios = targets.Select(t => plan.CreateScenario(t.Name, t.BaseUrl, ratePerTarget, duration, timetable)).ToList();
        var runner = new LoadRunner(new LoadRunOptions { OnInterval = s => onTick(ToTick(s)) }, time);
        await runner.RunAsync(scenarios, cancellationToken);
    }

    /// <summary>Maps one interval of the load engine to the lab's view of it: 504s count as timeouts, as the service's own give-up.</summary>
    internal static LoadTick ToTick(IntervalStats stats)
    {
        var i = stats.Interval;
        var gaveUp = i.StatusCodes.TryGetValue(504, out var n) ? n : 0;
        var timedOut = i.Timeouts + gaveUp;
        return new LoadTick(
            stats.Scenario,
            i.SentPerSecond,
            i.Ok,
            timedOut,
            Math.Max(0, i.Fail - timedOut),
            i.Completed > 0 ? i.Latency.P99 : null);
    }
}
