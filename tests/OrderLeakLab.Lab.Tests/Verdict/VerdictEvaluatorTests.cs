using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;
using static OrderLeakLab.Lab.Tests.Verdict.SyntheticTimeline;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class VerdictEvaluatorTests
{
    private static bool Loaded(int t) => t is >= 10 and < 70;

    [Fact]
    public void Evaluate_SteadyLeakThatStays_IsLeakWithItsSlope()
    {
        var timeline = Build("leaky", t => (80 + (2.0 * Math.Clamp(t - 10, 0, 60)), 600L * Math.Clamp(t - 10, 0, 60)));
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.InRange(verdict.MemorySlopeBytesPerSecond!.Value / MiB, 1.9, 2.1);
        Assert.InRange(verdict.WorkersSlopePerSecond!.Value, 599, 601);
        Assert.Equal(36_000, verdict.CooldownWorkers);
        Assert.Contains(verdict.Evidence, e => e.Contains("workers still in flight after cooldown", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_OneOffSpikeMidLoadThatReturns_IsFlat()
    {
        var timeline = Build("spiky", t => t is >= 30 and < 36 ? (250, 2000) : (80, Loaded(t) ? 300 : 0));
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.InRange(Math.Abs(verdict.MemorySlopeBytesPerSecond!.Value), 0, 0.2 * MiB);
    }

    [Fact]
    public void Evaluate_SpikeAtEndOfLoadReturningInCooldown_IsFlatAndSaysSpike()
    {
        // The tail of the load is high, so the slope under load rises; only the return after cooldown tells a spike.
        var timeline = Build("late-spike", t => (t is >= 50 and < 76 ? 80 + (6.0 * (t - 50)) : 80, 0));
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.True(verdict.MemorySlopeBytesPerSecond > 64 * 1024);
        Assert.Contains(verdict.Evidence, e => e.Contains("a spike, not a leak", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_HealthyDotnetServiceThatKeepsItsHeap_IsFlat()
    {
        // .NET keeps its grown heap after load: RSS stays up in cooldown, but it was flat under load and workers drained.
        var timeline = Build("fixed", t => (t < 10 ? 60 : 60 + Math.Min(70, 14.0 * (t - 10)), Loaded(t) ? 500 : 0), noiseMiB: 6);
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Equal(0, verdict.CooldownWorkers);
        Assert.Equal(0, verdict.Restarts);
    }

    [Fact]
    public void Evaluate_OomSawtooth_IsLeakWithPerIncarnationSlopeAndProjection()
    {
        // 8 MiB/s from 80 MiB to the 256 MiB limit, killed, down 2 s, restarted: the whole-phase trend is ~flat.
        var timeline = Sawtooth("leaky", 8);
        var exits = timeline.Exits;
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.True(exits.Count >= 2);
        Assert.Equal(exits.Count, verdict.Restarts);
        Assert.InRange(verdict.MemorySlopeBytesPerSecond!.Value / MiB, 7.5, 8.5);
        Assert.InRange(verdict.ProjectedTimeToLimit!.Value.TotalSeconds, 19, 25); // (256 − 80) / 8 = 22 s
        Assert.StartsWith("ended for memory", verdict.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongIncarnationThenShortRestartTail_ProjectsFromTheLongOne()
    {
        // Measured shape of a 75 s demo: one 3 MiB/s incarnation OOM-killed at 64 s, then a fresh process whose
        // heap warm-up climbs fast for the last few seconds of load. The tail must not set the slope.
        var exits = new[] { new ExitRecord(TimeSpan.FromSeconds(64), 137, ExitReason.OomKilled, "exit 137", TimeSpan.FromSeconds(64)) };
        var timeline = Build("leaky", t => t switch
        {
            < 10 => (80, 0),
            < 64 => (80 + (3.0 * (t - 10)), 600L * (t - 10)),
            64 => (null, null),
            < 70 => (30 + (12.0 * (t - 65)), 600L * (t - 65)),
            _ => (90, 3000),
        }, exits, noiseMiB: 1, limitBytes: 256L << 20);
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.InRange(verdict.MemorySlopeBytesPerSecond!.Value / MiB, 2.8, 3.2);
        // From where the restarted process began (30 MiB) at the long incarnation's rate: (256 − 30) / 3 ≈ 75 s; the one
        // incarnation that died lived 54 s under load, more than 30% less, so the observed lifetime is the time to limit.
        Assert.Equal(54, verdict.ProjectedTimeToLimit!.Value.TotalSeconds);
        Assert.Equal("observed", verdict.TimeToLimitBasis);
        Assert.Contains(verdict.Evidence, e => e.Contains("the slope projects 7", StringComparison.Ordinal) && e.EndsWith("so the observed median is the time to limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SlowLeakWithoutWorkerMetric_IsLeakFromMemoryAlone()
    {
        var timeline = Build("app", t => (100 + (0.5 * Math.Clamp(t - 10, 0, 60)), null), noiseMiB: 1);
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Null(verdict.WorkersSlopePerSecond);
    }

    [Fact]
    public void Evaluate_WorkersLeftAfterCooldownWithFlatMemory_IsLeak()
    {
        var timeline = Build("app", t => (100, 5L * Math.Clamp(t - 10, 0, 60)));
        Assert.Equal(VerdictOutcome.Leak, VerdictEvaluator.Evaluate(timeline, Phases).Outcome);
    }

    [Fact]
    public void Evaluate_CrashNotForMemory_IsFlatButCounted()
    {
        var exits = new[] { new ExitRecord(TimeSpan.FromSeconds(40), 1, ExitReason.Crash, "exit 1", TimeSpan.FromSeconds(40)) };
        var timeline = Build("app", t => (t == 40 ? null : 80, 0), exits);
        var verdict = VerdictEvaluator.Evaluate(timeline, Phases);
        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Equal(1, verdict.Restarts);
    }

    [Fact]
    public void Evaluate_InvalidOptions_ThrowsNamingTheOption()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            VerdictEvaluator.Evaluate(Build("x", _ => (1, 0)), Phases, new VerdictOptions { CooldownSettleFraction = 0 }));
        Assert.Contains("CooldownSettleFraction", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WorkingSetClimbsThroughMetricsGaps_JudgesTheWorkingSetOverOneIncarnation()
    {
        // RSS stays flat (file pages the cgroup does not charge); the cgroup's working set climbs 1.5 MiB/s under
        // load and is read even in the 20 s where /metrics did not answer.
        var flat = Build("leaky", _ => (300, 0), limitBytes: 256L << 20);
        var samples = flat.Samples.Select(s =>
        {
            var t = (int)s.Elapsed.TotalSeconds;
            var gap = t is >= 30 and < 50;
            return s with { Up = !gap, RssBytes = gap ? null : s.RssBytes, WorkingSetBytes = (long)((60 + (1.5 * Math.Clamp(t - 10, 0, 60))) * MiB) };
        }).ToList();

        var verdict = VerdictEvaluator.Evaluate(flat with { Samples = samples }, Phases);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal("working set", verdict.MemoryBasis);
        Assert.InRange(verdict.MemorySlopeBytesPerSecond!.Value / MiB, 1.45, 1.55);
        Assert.Contains(verdict.Evidence, e => e.StartsWith("working set +1.5 MiB/s under load (Theil–Sen, one incarnation)", StringComparison.Ordinal));
    }
}
