using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Stats;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Running;

/// <summary>
/// ScenarioRunner plays one scenario's timetable: a dispatch loop that sends every due arrival without waiting
/// for responses, and an interval loop that closes stats intervals and checks thresholds.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly Scenario _scenario;
    private readonly ArrivalSchedule _schedule;
    private readonly LoadRunOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<IntervalStats> _publish;
    private readonly StatsCollector _stats = new();
    private readonly ThresholdTracker[] _thresholds;
    private readonly List<IntervalStats> _intervals = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private long _inFlight;
    private long _peakInFlight;
    private volatile bool _dispatchDone;

    public ScenarioRunner(Scenario scenario, LoadRunOptions options, TimeProvider time, Action<IntervalStats> publish)
    {
        _scenario = scenario;
        _schedule = new ArrivalSchedule(scenario.Simulations);
        _options = options;
        _time = time;
        _publish = publish;
        _thresholds = [.. scenario.Thresholds.Select(t => new ThresholdTracker(t))];
    }

    public async Task<ScenarioResult> RunAsync(long start, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticker = TickAsync(start, ended.Task, stop);
        try
        {
            await DispatchAsync(start, stop.Token).ConfigureAwait(false);
            _dispatchDone = true;
            if (Interlocked.Read(ref _inFlight) == 0)
            {
                _drained.TrySetResult();
            }

            if (!stop.IsCancellationRequested)
            {
                await DrainAsync(stop.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            ended.TrySetResult();
        }

        await ticker.ConfigureAwait(false);
        if (_scenario.Cleanup is { } cleanup)
        {
            await cleanup().ConfigureAwait(false);
        }

        var final = _intervals[^1].Total;
        return new ScenarioResult
        {
            Name = _scenario.Name,
            Stopped = stop.IsCancellationRequested,
            ScheduledArrivals = _schedule.TotalArrivals,
            PeakInFlight = Interlocked.Read(ref _peakInFlight),
            Total = final,
            Intervals = _intervals,
            Thresholds = [.. _thresholds.Select(t => t.Finish(final))],
        };
    }

    private async Task DispatchAsync(long start, CancellationToken stop)
    {
        long next = 0;
        var total = _schedule.TotalArrivals;
        while (next < total && !stop.IsCancellationRequested)
        {
            var dueAt = _schedule.DueAt(next);
            var now = _time.GetElapsedTime(start);
            while (dueAt <= now)
            {
                Dispatch(next, dueAt, now);
                if (++next == total)
                {
                    return;
                }

                dueAt = _schedule.DueAt(next);
                now = _time.GetElapsedTime(start);
            }

            // Timers run at millisecond granularity; rounding up means we never wake early and spin.
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((dueAt - now).TotalMilliseconds));
            try
            {
                await Task.Delay(wait, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Dispatch(long index, TimeSpan dueAt, TimeSpan now)
    {
        if (Interlocked.Read(ref _inFlight) >= _scenario.MaxInFlight)
        {
            _stats.RecordDropped();
            return;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        if (inFlight > Interlocked.Read(ref _peakInFlight))
        {
            Interlocked.Exchange(ref _peakInFlight, inFlight);
        }

        _stats.RecordSent(now - dueAt);
        _ = ExecuteAsync(new ScenarioContext(_scenario.Name, index, dueAt));
    }

    private async Task ExecuteAsync(ScenarioContext context)
    {
        var started = _time.GetTimestamp();
        var token = _abort.Token;
        StepResult? result;
        try
        {
            result = await _scenario.Step(context, token).ConfigureAwait(false);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            result = null; // The run ended under it: neither a success nor the target's fault.
        }
        catch (Exception exception)
        {
            result = StepResult.FromException(exception);
        }

        if (result is { } finished)
        {
            _stats.RecordCompleted(finished, _time.GetElapsedTime(started));
        }

        if (Interlocked.Decrement(ref _inFlight) == 0 && _dispatchDone)
        {
            _drained.TrySetResult();
        }
    }

    private async Task DrainAsync(CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            await _drained.Task.WaitAsync(_options.DrainTimeout, _time, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Whatever is still in flight is cancelled by the caller.
        }
    }

    private async Task TickAsync(long start, Task ended, CancellationTokenSource stop)
    {
        var length = _options.ReportingInterval;
        var index = 0;
        while (!ended.IsCompleted)
        {
            var boundary = length * (index + 1);
            var wait = boundary - _time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                using var cancelDelay = new CancellationTokenSource();
                var delay = Task.Delay(wait, _time, cancelDelay.Token);
                if (await Task.WhenAny(delay, ended).ConfigureAwait(false) != delay)
                {
                    await cancelDelay.CancelAsync().ConfigureAwait(false);
                    break;
                }
            }

            Close(index, boundary - length, length, boundary, isFinal: false);
            var total = _intervals[^1].Total;
            foreach (var threshold in _thresholds)
            {
                if (!threshold.CheckDuring(boundary, total) && threshold.Threshold.AbortWhenFailed)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }

            index++;
        }

        var end = _time.GetElapsedTime(start);
        var from = length * index;
        Close(index, from, end - from, end, isFinal: true);
    }

    private void Close(int index, TimeSpan from, TimeSpan length, TimeSpan end, bool isFinal)
    {
        var (interval, total) = _stats.Roll(length, end);
        var stats = new IntervalStats
        {
            Scenario = _scenario.Name,
            Index = index,
            Start = from,
            Timestamp = _time.GetUtcNow(),
            IsFinal = isFinal,
            InFlight = Interlocked.Read(ref _inFlight),
            Interval = interval,
            Total = total,
        };
        _intervals.Add(stats);
        _publish(stats);
    }
}
