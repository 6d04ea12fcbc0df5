using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// RuntimeSignals judges the leaks that need not cost memory first, from the runtime's own counters:
/// <list type="bullet">
/// <item><b>threads</b> (starvation): the thread count grew under load while the thread-pool queue filled, p99 rose,
/// throughput fell or the process, alive, stopped answering its own <c>/metrics</c> — blocked threads, the pool adding
/// a few a second (threads and CPU come from /proc for a launched target, so a silent one is still judged);</item>
/// <item><b>CPU</b>: the process still burns, after the load stopped, a large share of the CPU the load cost — loops and
/// timers that outlived their requests;</item>
/// <item><b>timers</b>: timers still scheduled after the load, far above the baseline — started per request, never stopped.</item>
/// </list>
/// Each compares the baseline, the second half of the load and the settled cooldown, with medians (one slow scrape does
/// not decide). Signals a target does not export (null) are not judged.
/// </summary>
public static class RuntimeSignals
{
    /// <summary>Every finding for <paramref name="samples"/> (in time order), decisive ones marked.</summary>
    public static IReadOnlyList<KindFinding> Judge(IReadOnlyList<TargetSample> samples, RunPhases phases, VerdictOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(options);
        var windows = Windows.Of(samples, phases, options);
        var findings = new List<KindFinding>();
        if (Starvation(windows, options) is { } starvation)
        {
            findings.Add(starvation);
        }

        if (Cpu(windows, options) is { } cpu)
        {
            findings.Add(cpu);
        }

        if (Timers(windows, options) is { } timers)
        {
            findings.Add(timers);
        }

        return findings;
    }

    private static KindFinding? Starvation(Windows w, VerdictOptions options)
    {
        var before = Median(w.Baseline, s => s.Threads);
        var under = Median(w.LateLoad, s => s.Threads);
        if (before is null || under is null)
        {
            return null;
        }

        var queueBefore = Median(w.Baseline, s => s.ThreadPoolQueue) ?? 0;
        var queueUnder = Median(w.LateLoad, s => s.ThreadPoolQueue);
        var p99Early = Median(w.EarlyLoad, s => s.P99Ms);
        var p99Late = Median(w.LateLoad, s => s.P99Ms);
        var okEarly = Median(w.EarlyLoad, s => s.Ok);
        var okLate = Median(w.LateLoad, s => s.Ok);
        var throughputChange = okEarly is > 0 && okLate is not null ? (okLate.Value - okEarly.Value) / okEarly.Value : (double?)null;

        var grew = under.Value - before.Value >= options.MinThreadGrowth && under.Value >= before.Value * options.MinThreadGrowthFactor;
        var queued = queueUnder >= options.MinStarvedQueue;
        var slowed = p99Early is > 0 && p99Late >= p99Early * options.MinStarvedLatencyFactor;
        var choked = throughputChange <= -options.MinStarvedThroughputDrop;
        // Alive (its /proc was read) but not answering its own /metrics: the pool has no thread left to serve the scrape.
        var silent = w.LateLoad.Count(s => !s.Up && s.Threads is not null);
        var mute = w.LateLoad.Count > 0 && silent >= options.MinStarvedSilentShare * w.LateLoad.Count;
        var parts = new List<string> { Invariant($"threads {before:0} → {under:0}") };
        if (queueUnder is not null)
        {
            parts.Add(Invariant($"thread-pool queue {queueBefore:0} → {queueUnder:0}"));
        }

        if (p99Early is not null && p99Late is not null)
        {
            parts.Add($"p99 {Seconds(p99Early.Value)} → {Seconds(p99Late.Value)}");
        }

        if (throughputChange is not null)
        {
            parts.Add($"throughput {NumberFormat.Percent(throughputChange.Value)}");
        }

        if (silent > 0)
        {
            parts.Add(Invariant($"/metrics unanswered in {silent} of {w.LateLoad.Count} samples"));
        }

        var text = string.Join(", ", parts) + " under load";
        return grew && (queued || slowed || choked || mute)
            ? new KindFinding(LeakKind.Threads, true, text + ": thread-pool starvation (threads blocked, requests queued behind them)")
            : grew ? new KindFinding(LeakKind.Threads, false, text) : null;
    }

    private static KindFinding? Cpu(Windows w, VerdictOptions options)
    {
        var before = Cores(w.Baseline);
        var after = Cores(w.Settled);
        var under = Cores(w.LateLoad);
        if (before is null || after is null)
        {
            return null;
        }

        // Relative to what the load itself cost: a busy box (JIT, GC, other processes' noise) leaves a few tenths of a
        // core after any load; work that outlived its requests keeps a large share of the load's CPU going.
        var residual = after.Value - before.Value;
        var loadCost = Math.Max(0, (under ?? 0) - before.Value);
        var text = Invariant($"CPU {before:0.00} cores at baseline, {under ?? 0:0.00} under load, {after:0.00} after cooldown with no load");
        return residual >= options.MinResidualCores && residual >= options.MinResidualCpuShare * loadCost
            ? new KindFinding(LeakKind.Cpu, true, text + ": work that outlived its requests")
            : residual >= options.MinResidualCores ? new KindFinding(LeakKind.Cpu, false, text) : null;
    }

    private static KindFinding? Timers(Windows w, VerdictOptions options)
    {
        var before = Median(w.Baseline, s => s.Timers);
        var after = Median(w.Settled, s => s.Timers);
        if (before is null || after is null)
        {
            return null;
        }

        var text = Invariant($"timers {NumberFormat.Count((long)before.Value)} at baseline → {NumberFormat.Count((long)after.Value)} after cooldown");
        return after.Value - before.Value >= options.MinResidualTimers
            ? new KindFinding(LeakKind.Timers, true, text + ": started per request and never stopped")
            : null;
    }

    /// <summary>Cores busy over a window: CPU seconds gained over wall seconds, across counter resets (restarts).</summary>
    private static double? Cores(IReadOnlyList<TargetSample> window)
    {
        double busy = 0, wall = 0;
        for (var i = 1; i < window.Count; i++)
        {
            if (window[i].CpuSeconds is { } now && window[i - 1].CpuSeconds is { } then && now >= then)
            {
                busy += now - then;
                wall += (window[i].Elapsed - window[i - 1].Elapsed).TotalSeconds;
            }
        }

        return wall > 0 ? busy / wall : null;
    }

    private static double? Median(IEnumerable<TargetSample> window, Func<TargetSample, double?> value)
    {
        // Not only samples whose /metrics answered: the load generator's figures and /proc's threads and CPU are known
        // while a starved target cannot answer, and those are the samples that show the starvation.
        var values = window.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? null : TheilSen.Median(values);
    }

    private static double? Median(IEnumerable<TargetSample> window, Func<TargetSample, long?> value) =>
        Median(window, s => value(s) is { } v ? (double)v : null);

    private static string Seconds(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:0.0} s") : Invariant($"{ms:0} ms");

    /// <summary>The windows the signals are compared across.</summary>
    private sealed record Windows(
        IReadOnlyList<TargetSample> Baseline,
        IReadOnlyList<TargetSample> EarlyLoad,
        IReadOnlyList<TargetSample> LateLoad,
        IReadOnlyList<TargetSample> Settled)
    {
        public static Windows Of(IReadOnlyList<TargetSample> samples, RunPhases phases, VerdictOptions options)
        {
            var load = phases.LoadEnd - phases.LoadStart;
            var warmUp = TimeSpan.FromTicks(Math.Min(options.LoadWarmUp.Ticks, load.Ticks / 3));
            var earlyEnd = phases.LoadStart + warmUp + ((load - warmUp) / 4);
            var lateStart = phases.LoadStart + (load / 2);
            var settledFrom = phases.LoadEnd + ((phases.End - phases.LoadEnd) * (1 - options.CooldownSettleFraction));
            return new Windows(
                samples.Where(s => s.Elapsed < phases.LoadStart).ToList(),
                samples.Where(s => s.Elapsed >= phases.LoadStart + warmUp && s.Elapsed < earlyEnd).ToList(),
                samples.Where(s => s.Elapsed >= lateStart && s.Elapsed < phases.LoadEnd).ToList(),
                samples.Where(s => s.Elapsed >= settledFrom && s.Elapsed >= phases.LoadEnd).ToList());
        }
    }
}
