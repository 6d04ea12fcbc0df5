using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;
using static OrderLeakLab.Lab.Tests.Verdict.SyntheticTimeline;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class RuntimeSignalsTests
{
    private static bool Loaded(int t) => t is >= 10 and < 70;

    /// <summary>Flat 80 MiB and no workers, with the runtime signals from <paramref name="at"/>.</summary>
    private static TargetTimeline Runtime(Func<int, (long Threads, long Queue, double P99, long Ok, double CoresNow, long Timers)> at)
    {
        var cpu = 0.0;
        var samples = Enumerable.Range(0, 101).Select(t =>
        {
            var s = at(t);
            cpu += s.CoresNow;
            return new TargetSample(TimeSpan.FromSeconds(t), true, 80L << 20, null, 0, null, s.Threads, Loaded(t) ? 1000 : 0, s.Ok, 0, 0, Loaded(t) ? s.P99 : null)
            {
                CpuSeconds = cpu,
                ThreadPoolQueue = s.Queue,
                Timers = s.Timers,
            };
        }).ToList();
        return new TargetTimeline("target", null, samples, []);
    }

    [Fact]
    public void Evaluate_ThreadsAndQueueClimbWhileThroughputFalls_IsThreadLeakWithItsEvidence()
    {
        var timeline = Runtime(t => Loaded(t)
            ? (21 + (4L * (t - 10)), 5L * (t - 10), 500 + (100.0 * (t - 10)), Math.Max(100, 1000 - (20L * (t - 10))), 0.9, 3)
            : (t < 10 ? 21 : 243, 0, 0, 0, 0.01, 3));

        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Threads], verdict.Kinds);
        Assert.Contains(verdict.Evidence, e => e.StartsWith("threads 21 → 199, thread-pool queue 0 → 223, p99 2.1 s → ", StringComparison.Ordinal) && e.Contains("throughput -8", StringComparison.Ordinal) && e.EndsWith("under load: thread-pool starvation (threads blocked, requests queued behind them)", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PoolGrowsAFewThreadsAndServesTheLoad_IsFlat()
    {
        var timeline = Runtime(t => Loaded(t) ? (26, 2, 520, 400, 0.4, 3) : (21, 0, 0, 0, 0.01, 3));

        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Empty(verdict.Kinds);
    }

    [Fact]
    public void Evaluate_CpuStaysBusyAfterTheLoadStops_IsCpuLeak()
    {
        var timeline = Runtime(t => (21, 0, 500, Loaded(t) ? 400 : 0, t < 10 ? 0.01 : Loaded(t) ? 0.2 + (0.01 * (t - 10)) : 0.6, 3));

        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Cpu], verdict.Kinds);
        Assert.Contains(verdict.Evidence, e => e.StartsWith("CPU 0.01 cores at baseline, ", StringComparison.Ordinal) && e.Contains("0.60 after cooldown with no load", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_CpuBackToIdleAfterTheLoad_IsFlat()
    {
        var timeline = Runtime(t => (21, 0, 500, Loaded(t) ? 400 : 0, Loaded(t) ? 0.5 : 0.01, 3));

        Assert.Equal(VerdictOutcome.Flat, VerdictEvaluator.Evaluate(timeline, Phases).Outcome);
    }

    [Fact]
    public void Evaluate_SmallCpuTailAfterABusyLoad_IsFlat()
    {
        // 1.2 cores under load, 0.25 for a while after it (JIT, GC, a busy machine): a fifth of the load's cost, no leak.
        var timeline = Runtime(t => (21, 0, 500, Loaded(t) ? 400 : 0, t < 10 ? 0.02 : Loaded(t) ? 1.2 : 0.25, 3));

        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Contains(verdict.Evidence, e => e.StartsWith("CPU 0.02 cores at baseline, 1.20 under load, 0.25 after cooldown", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_StarvedTargetSilentOnMetricsWithThreadsFromProc_IsThreadLeak()
    {
        // Starved from the first loaded second: p99 at the client's timeout throughout, no queue figure (no /metrics
        // answered), only /proc's thread count — the pool adding threads while nothing gets through.
        var samples = Enumerable.Range(0, 101).Select(t => new TargetSample(
            TimeSpan.FromSeconds(t), !Loaded(t), 90L << 20, null, Loaded(t) ? null : 0, null, Loaded(t) ? 18 + (2L * (t - 10)) : t < 10 ? 18 : 140,
            Loaded(t) ? 1000 : 0, 0, Loaded(t) ? 900 : 0, 0, Loaded(t) ? 5000 : null)).ToList();

        var verdict = VerdictEvaluator.Evaluate(new TargetTimeline("target", null, samples, []), Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Threads], verdict.Kinds);
        Assert.Contains(verdict.Evidence, e => e.StartsWith("threads 18 → ", StringComparison.Ordinal) && e.Contains("/metrics unanswered in 30 of 30 samples under load: thread-pool starvation", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_TimersLeftScheduledAfterTheLoad_IsTimerLeak()
    {
        var timeline = Runtime(t => (21, 0, 500, Loaded(t) ? 400 : 0, 0.01, t < 10 ? 3 : 3 + (1000L * Math.Min(t - 10, 60))));

        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Timers], verdict.Kinds);
        Assert.Contains("timers 3 at baseline → 60,003 after cooldown: started per request and never stopped", verdict.Evidence);
    }

    [Fact]
    public void Evaluate_TimersOnlyWhileRequestsAreOpen_IsFlat()
    {
        var timeline = Runtime(t => (21, 0, 500, Loaded(t) ? 400 : 0, 0.01, Loaded(t) ? 500 : 3));

        Assert.Equal(VerdictOutcome.Flat, VerdictEvaluator.Evaluate(timeline, Phases).Outcome);
    }
}
