using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Stats;
using OrderLeakLab.Load.Tests.TestSupport;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Tests.Running;

public class LoadRunnerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    private static Scenario Constant(string name, double rate, TimeSpan during, ScenarioStep? step = null) =>
        Scenario.Create(name, step ?? ((_, _) => ValueTask.FromResult(StepResult.Ok())))
            .WithLoadSimulations(LoadSimulation.Inject(rate, Second, during));

    [Fact]
    public async Task RunAsync_ConstantRate_SendsExactlyTheScheduleInEveryInterval()
    {
        var clock = new TimerCountingTimeProvider();
        var runner = new LoadRunner(timeProvider: clock);

        var result = await FakeClockDriver.DriveAsync(clock, runner.RunAsync([Constant("a", 200, TimeSpan.FromSeconds(3))]), Tick);

        var scenario = result["a"];
        Assert.Equal(600, scenario.Total.Sent);
        Assert.Equal(600, scenario.Total.Ok);
        Assert.Equal([200L, 200L, 200L], scenario.Intervals.Where(i => !i.IsFinal).Select(i => i.Interval.Sent));
        Assert.Equal([0, 1, 2], scenario.Intervals.Where(i => !i.IsFinal).Select(i => i.Index));
        Assert.All(scenario.Intervals.Where(i => !i.IsFinal), i => Assert.Equal(200, i.Interval.SentPerSecond, 3));
        Assert.True(scenario.Intervals[^1].IsFinal);
        Assert.Equal(0, scenario.Total.ScheduleLag.Max);
        Assert.True(result.Passed);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Start_TwoScenarios_StreamsIntervalsWithCumulativeTotals()
    {
        var clock = new TimerCountingTimeProvider();
        var seen = new List<IntervalStats>();
        var runner = new LoadRunner(new LoadRunOptions { OnInterval = s => { lock (seen) { seen.Add(s); } } }, clock);
        var run = runner.Start([Constant("leaky", 100, TimeSpan.FromSeconds(2)), Constant("fixed", 50, TimeSpan.FromSeconds(2))]);

        await FakeClockDriver.DriveAsync(clock, run.Completion, Tick, scenarios: 2);
        var streamed = new List<IntervalStats>();
        await foreach (var stats in run.Intervals.ReadAllAsync())
        {
            streamed.Add(stats);
        }

        Assert.Equal(seen.Count, streamed.Count);
        var leaky = streamed.Where(s => s.Scenario == "leaky" && !s.IsFinal).ToList();
        Assert.Equal([100L, 200L], leaky.Select(s => s.Total.Sent));
        Assert.Equal(TimeSpan.FromSeconds(1), leaky[1].Start);
        Assert.Equal(100, streamed.Last(s => s.Scenario == "fixed").Total.Sent);
    }

    [Fact]
    public async Task RunAsync_RampThenPause_FollowsTheTimetable()
    {
        var clock = new TimerCountingTimeProvider();
        var scenario = Scenario.Create("ramp", (_, _) => ValueTask.FromResult(StepResult.Ok()))
            .WithLoadSimulations(
                LoadSimulation.RampingInject(100, Second, TimeSpan.FromSeconds(2)),
                LoadSimulation.Pause(Second),
                LoadSimulation.Inject(10, Second, Second));

        var result = await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([scenario]), Tick);

        // Ramp 0 → 100/s over 2 s: 25 in the first second, 75 in the second; then nothing; then 10.
        Assert.Equal([25L, 75L, 0L, 10L], result["ramp"].Intervals.Where(i => !i.IsFinal).Select(i => i.Interval.Sent));
    }

    [Fact]
    public async Task RunAsync_FailuresByKind_CountedApartAndByStatus()
    {
        var clock = new TimerCountingTimeProvider();
        ValueTask<StepResult> Step(ScenarioContext context, CancellationToken token) => (context.InvocationNumber % 5) switch
        {
            0 => ValueTask.FromResult(StepResult.Ok()),
            1 => ValueTask.FromResult(StepResult.Fail(504)),
            2 => ValueTask.FromException<StepResult>(new TaskCanceledException("timeout", new TimeoutException())),
            3 => ValueTask.FromException<StepResult>(new HttpRequestException("refused")),
            _ => ValueTask.FromException<StepResult>(new InvalidOperationException("bug")),
        };

        var result = await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([Constant("k", 100, Second, Step)]), Tick);

        var total = result["k"].Total;
        Assert.Equal(100, total.Completed);
        Assert.Equal(20, total.Ok);
        Assert.Equal(80, total.Fail);
        Assert.Equal(20, total.StatusCodes[504]);
        Assert.Equal(20, total.StatusCodes[200]);
        Assert.Equal(20, total.Timeouts);
        Assert.Equal(20, total.ConnectionErrors);
        Assert.Equal(20, total.Errors);
        Assert.Equal(80, total.FailPercent, 6);
    }

    [Fact]
    public async Task RunAsync_ThresholdBroken_FailsRunWithExitCodeOne()
    {
        var clock = new TimerCountingTimeProvider();
        var scenario = Constant("t", 100, TimeSpan.FromSeconds(3),
                (c, _) => ValueTask.FromResult(c.InvocationNumber % 2 == 0 ? StepResult.Ok() : StepResult.Fail(500)))
            .WithThresholds(
                Threshold.FailPercentBelow(10) with { StartCheckAfter = Second },
                Threshold.FailPercentBelow(60));

        var result = await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([scenario]), Tick);

        var thresholds = result["t"].Thresholds;
        Assert.False(thresholds[0].Passed);
        Assert.True(thresholds[0].FailedAtEnd);
        Assert.Equal(Second, thresholds[0].FirstFailedAt);
        Assert.Equal(3, thresholds[0].FailedChecks);
        Assert.Equal(50, thresholds[0].FinalValue, 6);
        Assert.True(thresholds[1].Passed);
        Assert.False(result.Passed);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(300, result["t"].Total.Sent);
    }

    [Fact]
    public async Task RunAsync_ThresholdFailsOnlyDuringRun_StillFailsTheRun()
    {
        var clock = new TimerCountingTimeProvider();
        // Fails everything in the first second, then succeeds: the final fail% (~33%) is under 40, the check at 1 s is not.
        var scenario = Constant("d", 100, TimeSpan.FromSeconds(3),
                (c, _) => ValueTask.FromResult(c.ScheduledAt <= Second ? StepResult.Fail(503) : StepResult.Ok()))
            .WithThresholds(Threshold.FailPercentBelow(40) with { StartCheckAfter = Second });

        var result = await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([scenario]), Tick);

        var threshold = result["d"].Thresholds.Single();
        Assert.False(threshold.FailedAtEnd);
        Assert.False(threshold.Passed);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_AbortWhenFailed_StopsTheScenarioEarly()
    {
        var clock = new TimerCountingTimeProvider();
        var scenario = Constant("abort", 100, TimeSpan.FromSeconds(10), (_, _) => ValueTask.FromResult(StepResult.Fail(500)))
            .WithThresholds(Threshold.FailPercentBelow(1) with { StartCheckAfter = Second, AbortWhenFailed = true });

        var result = await FakeClockDriver.DriveAsync(clock, new LoadRunner(timeProvider: clock).RunAsync([scenario]), Tick);

        Assert.True(result["abort"].Stopped);
        Assert.InRange(result["abort"].Total.Sent, 100, 110);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_StepsNeverAnswer_OverflowIsDroppedAndRunEndsAfterDrainTimeout()
    {
        var clock = new TimerCountingTimeProvider();
        var scenario = Constant("stalled", 100, Second, async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return StepResult.Ok();
        }).WithMaxInFlight(30);
        var runner = new LoadRunner(new LoadRunOptions { DrainTimeout = TimeSpan.FromSeconds(2) }, clock);

        var result = await FakeClockDriver.DriveAsync(clock, runner.RunAsync([scenario]), Tick);

        var s = result["stalled"];
        Assert.Equal(30, s.Total.Sent);
        Assert.Equal(70, s.Total.Dropped);
        Assert.Equal(70, s.Total.Fail);
        Assert.Equal(30, s.PeakInFlight);
        Assert.Equal(0, s.Total.Completed);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.01));
    }

    [Fact]
    public async Task RunAsync_LatencyOnTheInjectedClock_IsMeasuredFromStepStartToEnd()
    {
        var clock = new TimerCountingTimeProvider();
        var answers = new List<TaskCompletionSource<StepResult>>();
        var scenario = Constant("slow", 10, Second, (_, _) =>
        {
            // Completing inline (no RunContinuationsAsynchronously) records the answer before the clock moves on.
            var answer = new TaskCompletionSource<StepResult>();
            lock (answers)
            {
                answers.Add(answer);
            }

            return new ValueTask<StepResult>(answer.Task);
        });
        var runner = new LoadRunner(new LoadRunOptions { DrainTimeout = TimeSpan.FromSeconds(10) }, clock);

        // Each answer comes 40 ms (8 ticks) after its request.
        var pending = new Queue<(TimeSpan Due, TaskCompletionSource<StepResult> Answer)>();
        var result = await FakeClockDriver.DriveAsync(clock, runner.RunAsync([scenario]), Tick, beforeStep: now =>
        {
            lock (answers)
            {
                foreach (var answer in answers)
                {
                    pending.Enqueue((now + TimeSpan.FromMilliseconds(40), answer));
                }

                answers.Clear();
            }

            while (pending.Count > 0 && pending.Peek().Due <= now)
            {
                pending.Dequeue().Answer.SetResult(StepResult.Ok());
            }
        });

        Assert.Equal(10, result["slow"].Total.Ok);
        Assert.Equal(40, result["slow"].Total.Latency.P50, 0.5);
        Assert.Equal(40, result["slow"].Total.Latency.Max, 0.5);
    }

    [Fact]
    public async Task Stop_MidRun_EndsPromptlyAndMarksCancelled()
    {
        var clock = new TimerCountingTimeProvider();
        await using var run = new LoadRunner(timeProvider: clock).Start([Constant("c", 100, TimeSpan.FromMinutes(10))]);

        var result = await FakeClockDriver.DriveAsync(clock, run.Completion, Tick, beforeStep: now =>
        {
            if (now == TimeSpan.FromSeconds(2))
            {
                run.Stop();
            }
        });

        Assert.True(result.Cancelled);
        Assert.True(result["c"].Stopped);
        Assert.InRange(result["c"].Total.Sent, 200, 201);
    }

    [Fact]
    public void Start_DuplicateNames_Throws()
    {
        var runner = new LoadRunner();

        var error = Assert.Throws<ArgumentException>(() => runner.Start([Constant("x", 1, Second), Constant("x", 1, Second)]));

        Assert.Contains("'x'", error.Message);
    }
}
