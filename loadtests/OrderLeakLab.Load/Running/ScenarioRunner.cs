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
    private long _start;
    private long _inFlight;
    private long _peakInFlight;
    private volatile bool _dispatchDone;
    private readonly bool _dedicatedThread;

    public ScenarioRunner(Scenario scenario, LoadRunOptions options, TimeProvider time, Action<IntervalStats> publish)
    {
        _scenario = scenario;
        _schedule = new ArrivalSchedule(scenario.Simulations);
        _options = options;
        _time = time;
        _publish = publish;
        _dedicatedThread = ReferenceEquals(time, TimeProvider.System);
        _thresholds = [.. scenario.Thresholds.Select(t => new ThresholdTracker(t))];
    }

    public async Task<ScenarioResult> RunAsync(long start, CancellationToken cancellationToken)
    {
        _start = start;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await (_dedicatedThread ? RunOnOwnThread(() => LoopAsync(start, stop)) : LoopAsync(start, stop)).ConfigureAwait(false);
        }
        finally
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }

        var end = _time.GetElapsedTime(start);
        var from = _options.ReportingInterval * _intervals.Count;
        Close(_intervals.Count, from, end - from, end, isFinal: true);
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
            PeakConnections = _scenario.Connections?.Peak,
            Total = final,
            Intervals = _intervals,
            Thresholds = [.. _thresholds.Select(t => t.Finish(final))],
        };
    }

    // One loop per scenario sends what is due, then closes intervals, so at any instant arrivals due by an
    // interval's end are counted in it whatever the timer order; it sleeps until the next arrival or boundary.
    private async Task LoopAsync(long start, CancellationTokenSource stop)
    {
        var length = _options.ReportingInterval;
        var boundary = length;
        var drainUntil = TimeSpan.MaxValue;
        long next = 0;
        var total = _schedule.TotalArrivals;
        while (true)
        {
            var now = _time.GetElapsedTime(start);
            for (; now >= boundary; boundary += length)
            {
                next = DispatchDue(next, boundary, start);
                Close(_intervals.Count, boundary - length, length, boundary, isFinal: false);
                CheckThresholds(boundary, stop);
            }

            next = DispatchDue(next, now, start);
            if (next == total && !_dispatchDone)
            {
                _dispatchDone = true;
                drainUntil = now + _options.DrainTimeout;
                if (Interlocked.Read(ref _inFlight) == 0)
                {
                    _drained.TrySetResult();
                }
            }

            if (stop.IsCancellationRequested || (_dispatchDone && (_drained.Task.IsCompleted || now >= drainUntil)))
            {
                return;
            }

            var wake = _dispatchDone ? Min(boundary, drainUntil) : Min(boundary, _schedule.DueAt(next));
            // Timers run at millisecond granularity; rounding up means we never wake early and spin.
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((wake - now).TotalMilliseconds));
            try
            {
                if (_dedicatedThread)
                {
                    // Blocks this scenario's own thread: no thread-pool queue between the timer and the dispatch.
                    _drained.Task.Wait((int)wait.TotalMilliseconds, stop.Token);
                    continue;
                }

                var delay = Task.Delay(wait, _time, stop.Token);
                if (_dispatchDone)
                {
                    await Task.WhenAny(delay, _drained.Task).ConfigureAwait(false);
                }
                else
                {
                    await delay.ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // On the real clock the loop gets a thread of its own. Thread-pool timers queue their callbacks behind the
    // HTTP completions they are competing with, which showed as tens to hundreds of ms of schedule lag on a busy
    // 2-core machine; a thread that mostly sleeps is woken promptly by the OS scheduler.
    private Task RunOnOwnThread(Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                // Every wait in the loop is synchronous here, so the whole loop runs on this thread.
                loop().GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = $"load {_scenario.Name}",
        };
        thread.Start();
        return done.Task;
    }

    private long DispatchDue(long next, TimeSpan until, long start)
    {
        var total = _schedule.TotalArrivals;
        while (next < total)
        {
            var dueAt = _schedule.DueAt(next);
            if (dueAt > until)
            {
                break;
            }

            Dispatch(next++, dueAt);
        }

        return next;
    }

    private void CheckThresholds(TimeSpan elapsed, CancellationTokenSource stop)
    {
        var total = _intervals[^1].Total;
        foreach (var threshold in _thresholds)
        {
            if (!threshold.CheckDuring(elapsed, total) && threshold.Threshold.AbortWhenFailed)
            {
                stop.Cancel();
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void Dispatch(long index, TimeSpan dueAt)
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

        _stats.RecordSent();
        var context = new ScenarioContext(_scenario.Name, index, dueAt);
        if (_dedicatedThread)
        {
            // The step's synchronous part (building and writing the request) runs on the pool, on any core, so
            // a slow send cannot hold up the timetable; the lag recorded below includes the pool's queueing.
            ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Runner.ExecuteAsync(state.Context), (Runner: this, Context: context), preferLocal: false);
        }
        else
        {
            _ = ExecuteAsync(context);
        }
    }

    private async Task ExecuteAsync(ScenarioContext context)
    {
        var started = _time.GetTimestamp();
        _stats.RecordLag(_time.GetElapsedTime(_start, started) - context.ScheduledAt);
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
