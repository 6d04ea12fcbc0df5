namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// VerdictOptions holds the thresholds <see cref="VerdictEvaluator"/> judges by. The defaults tell the
/// incident's leak (hundreds of workers and MiB per second) from a healthy service and from a one-off spike.
/// </summary>
public sealed class VerdictOptions
{
    /// <summary>
    /// Start of the load phase ignored for the memory slope (the heap growing to its working size is not a leak).
    /// Default 10 s, capped at a third of the load phase; range 0 – 10 min.
    /// </summary>
    public TimeSpan LoadWarmUp { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fewest samples an incarnation needs for its slope to count. Default 5; range 3 – 1000.</summary>
    public int MinSegmentSamples { get; set; } = 5;

    /// <summary>Memory slope under load that counts as growth. Default 64 KiB/s (225 MiB/h); must be &gt; 0.</summary>
    public double MinMemorySlopeBytesPerSecond { get; set; } = 64 * 1024;

    /// <summary>
    /// Growth over the judged load window, as a fraction of the level at its start, that counts as sustained.
    /// Default 0.2 (20%); range 0 – 10.
    /// </summary>
    public double MinMemoryGrowthFraction { get; set; } = 0.2;

    /// <summary>
    /// Share of the growth under load that must still be there after cooldown for memory growth to be a leak
    /// (a spike that returns to baseline is not). Default 0.5; range 0 – 1.
    /// </summary>
    public double MinResidualMemoryFraction { get; set; } = 0.5;

    /// <summary>Workers-in-flight slope under load that counts as growth. Default 1 worker/s; must be &gt; 0.</summary>
    public double MinWorkersSlopePerSecond { get; set; } = 1;

    /// <summary>Workers still in flight after cooldown, above baseline, that count as leaked. Default 10; range ≥ 1.</summary>
    public long MinResidualWorkers { get; set; } = 10;

    /// <summary>The last part of the cooldown judged as "after cooldown", as a fraction. Default 0.5; range 0.05 – 1.</summary>
    public double CooldownSettleFraction { get; set; } = 0.5;

    /// <summary>Threads added under load (late load vs baseline, medians) that count as growth. Default 32; range ≥ 1.</summary>
    public double MinThreadGrowth { get; set; } = 32;

    /// <summary>…and as a factor of the baseline count. Default 2 (doubled); range ≥ 1.</summary>
    public double MinThreadGrowthFactor { get; set; } = 2;

    /// <summary>Thread-pool queue length under load (median) that, with thread growth, means starvation. Default 50; range ≥ 1.</summary>
    public double MinStarvedQueue { get; set; } = 50;

    /// <summary>p99 late in the load over p99 early in it that, with thread growth, means starvation. Default 3; range &gt; 1.</summary>
    public double MinStarvedLatencyFactor { get; set; } = 3;

    /// <summary>Drop of successful requests/s from early to late load that, with thread growth, means starvation. Default 0.5; range 0 – 1.</summary>
    public double MinStarvedThroughputDrop { get; set; } = 0.5;

    /// <summary>
    /// Share of the late-load samples in which the target, alive, did not answer its <c>/metrics</c> that, with thread
    /// growth, means starvation. Default 0.5; range 0.05 – 1.
    /// </summary>
    public double MinStarvedSilentShare { get; set; } = 0.5;

    /// <summary>CPU cores still busy after cooldown, above baseline, that count as leaked work. Default 0.1; range &gt; 0.</summary>
    public double MinResidualCores { get; set; } = 0.1;

    /// <summary>
    /// …and as a share of the CPU the load cost (late load minus baseline): the leaked work must keep going at a good part
    /// of the load's pace, not be the tail a busy machine leaves after any load. Default 0.5; range 0 – 10.
    /// </summary>
    public double MinResidualCpuShare { get; set; } = 0.5;

    /// <summary>Timers still scheduled after cooldown, above baseline, that count as leaked. Default 100; range ≥ 1.</summary>
    public double MinResidualTimers { get; set; } = 100;

    /// <summary>
    /// Callbacks still registered on one cancellation token source after cooldown and a full GC that count as leaked
    /// (see <see cref="RegistrationEvidence"/>). Default 1000 (a healthy host keeps a few dozen); range ≥ 100.
    /// </summary>
    public long MinResidualRegistrations { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(LoadWarmUp >= TimeSpan.Zero && LoadWarmUp <= TimeSpan.FromMinutes(10), nameof(LoadWarmUp), LoadWarmUp, "0 – 10 min");
        Check(MinSegmentSamples is >= 3 and <= 1000, nameof(MinSegmentSamples), MinSegmentSamples, "3 – 1000");
        Check(MinMemorySlopeBytesPerSecond > 0, nameof(MinMemorySlopeBytesPerSecond), MinMemorySlopeBytesPerSecond, "> 0");
        Check(MinMemoryGrowthFraction is >= 0 and <= 10, nameof(MinMemoryGrowthFraction), MinMemoryGrowthFraction, "0 – 10");
        Check(MinResidualMemoryFraction is >= 0 and <= 1, nameof(MinResidualMemoryFraction), MinResidualMemoryFraction, "0 – 1");
        Check(MinWorkersSlopePerSecond > 0, nameof(MinWorkersSlopePerSecond), MinWorkersSlopePerSecond, "> 0");
        Check(MinResidualWorkers >= 1, nameof(MinResidualWorkers), MinResidualWorkers, ">= 1");
        Check(CooldownSettleFraction is >= 0.05 and <= 1, nameof(CooldownSettleFraction), CooldownSettleFraction, "0.05 – 1");
        Check(MinThreadGrowth >= 1, nameof(MinThreadGrowth), MinThreadGrowth, ">= 1");
        Check(MinThreadGrowthFactor >= 1, nameof(MinThreadGrowthFactor), MinThreadGrowthFactor, ">= 1");
        Check(MinStarvedQueue >= 1, nameof(MinStarvedQueue), MinStarvedQueue, ">= 1");
        Check(MinStarvedLatencyFactor > 1, nameof(MinStarvedLatencyFactor), MinStarvedLatencyFactor, "> 1");
        Check(MinStarvedThroughputDrop is >= 0 and <= 1, nameof(MinStarvedThroughputDrop), MinStarvedThroughputDrop, "0 – 1");
        Check(MinStarvedSilentShare is >= 0.05 and <= 1, nameof(MinStarvedSilentShare), MinStarvedSilentShare, "0.05 – 1");
        Check(MinResidualCores > 0, nameof(MinResidualCores), MinResidualCores, "> 0");
        Check(MinResidualCpuShare is >= 0 and <= 10, nameof(MinResidualCpuShare), MinResidualCpuShare, "0 – 10");
        Check(MinResidualRegistrations >= 100, nameof(MinResidualRegistrations), MinResidualRegistrations, ">= 100");
        Check(MinResidualTimers >= 1, nameof(MinResidualTimers), MinResidualTimers, ">= 1");
    }

    private static void Check(bool ok, string name, object value, string range)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"VerdictOptions.{name} must be {range}");
        }
    }
}
