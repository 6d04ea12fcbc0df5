using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class HeapEvidenceTests
{
    private const long MiB = 1024 * 1024;

    private static TargetVerdict Verdict(VerdictOutcome outcome, params ExitRecord[] exits) => new(
        "app", outcome, ["RSS +1.0 MiB/s under load"], exits.Length, exits, 1 * MiB, null, 100 * MiB, 180 * MiB, null, null, 256 * MiB, null);

    [Fact]
    public void Apply_HeapKeptWhatTheLoadAdded_LeakWithTheHeapLineFirst()
    {
        var verdict = HeapEvidence.Apply(Verdict(VerdictOutcome.Flat), new(TimeSpan.FromSeconds(5), 42, 3 * MiB), new(TimeSpan.FromSeconds(50), 42, 68 * MiB));

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal("managed heap after full GC 3.0 MiB → 68.0 MiB: kept 65.0 MiB of what the load added", verdict.Evidence[0]);
    }

    [Fact]
    public void Apply_HeapReturnedAndOnlyRssGrew_FlatBecauseTheRuntimeKeptTheRss()
    {
        var verdict = HeapEvidence.Apply(Verdict(VerdictOutcome.Leak), new(TimeSpan.FromSeconds(5), 42, 3 * MiB), new(TimeSpan.FromSeconds(50), 42, 3 * MiB + 512 * 1024));

        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Equal("managed heap after full GC 3.0 MiB → 3.5 MiB: RSS kept by the runtime, heap returned", verdict.Evidence[0]);
    }

    [Fact]
    public void Apply_RestartedAfterOomKills_StaysLeakAndDoesNotClaimTheHeapReturned()
    {
        var exit = new ExitRecord(TimeSpan.FromSeconds(30), 137, ExitReason.OomKilled, "exit 137, cgroup oom_kill 0→1", TimeSpan.FromSeconds(25));

        var verdict = HeapEvidence.Apply(Verdict(VerdictOutcome.Leak, exit), new(TimeSpan.FromSeconds(5), 42, 3 * MiB), new(TimeSpan.FromSeconds(50), 43, 4 * MiB));

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal("managed heap after full GC 3.0 MiB → 4.0 MiB: the cooldown's figure is of the process restarted since the baseline (pid 42 → 43)", verdict.Evidence[0]);
    }

    [Fact]
    public void Apply_HeapGrewTooLittleWhileThreadsStarved_DropsOnlyTheMemoryKindAndSaysHowMuchItGrew()
    {
        var starved = Verdict(VerdictOutcome.Leak) with { Kinds = [LeakKind.Memory, LeakKind.Threads] };

        var verdict = HeapEvidence.Apply(starved, new(TimeSpan.FromSeconds(5), 42, 1 * MiB), new(TimeSpan.FromSeconds(50), 42, 7 * MiB));

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Threads], verdict.Kinds);
        Assert.Equal("managed heap after full GC 1.0 MiB → 7.0 MiB: heap grew 6.0 MiB, under the 16.0 MiB counted as kept; RSS growth not counted as a memory leak", verdict.Evidence[0]);
    }

    [Fact]
    public void Apply_NoCooldownMeasurement_Unchanged()
    {
        var before = Verdict(VerdictOutcome.Leak);

        Assert.Same(before, HeapEvidence.Apply(before, new(TimeSpan.FromSeconds(5), 42, 3 * MiB), null));
    }
}
