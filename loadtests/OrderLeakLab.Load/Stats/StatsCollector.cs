using OrderLeakLab.Load.Scenarios;

namespace OrderLeakLab.Load.Stats;

/// <summary>
/// StatsCollector accumulates one scenario's counts for the current interval and for the whole run.
/// One lock per scenario: at a few thousand events a second an uncontended lock costs far less than the
/// request it measures, and it keeps interval snapshots consistent.
/// </summary>
internal sealed class StatsCollector
{
    private readonly Lock _lock = new();
    private readonly Window _interval = new();
    private readonly Window _total = new();

    /// <summary>Counts an arrival handed to its step (in the interval it was due in).</summary>
    public void RecordSent()
    {
        lock (_lock)
        {
            _interval.Sent++;
            _total.Sent++;
        }
    }

    /// <summary>Records how late a step started relative to its arrival's due time.</summary>
    public void RecordLag(TimeSpan lag)
    {
        var micros = lag.Ticks / TimeSpan.TicksPerMicrosecond;
        lock (_lock)
        {
            _interval.Lag.RecordMicroseconds(micros);
            _total.Lag.RecordMicroseconds(micros);
        }
    }

    public void RecordDropped()
    {
        lock (_lock)
        {
            _interval.Dropped++;
            _total.Dropped++;
        }
    }

    public void RecordCompleted(StepResult result, TimeSpan latency)
    {
        var micros = latency.Ticks / TimeSpan.TicksPerMicrosecond;
        lock (_lock)
        {
            _interval.Complete(result, micros);
            _total.Complete(result, micros);
        }
    }

    /// <summary>Returns the interval's counts (then resets them) and the totals so far.</summary>
    public (StatsSnapshot Interval, StatsSnapshot Total) Roll(TimeSpan intervalDuration, TimeSpan totalDuration)
    {
        lock (_lock)
        {
            var interval = _interval.Snapshot(intervalDuration);
            var total = _total.Snapshot(totalDuration);
            _interval.Reset();
            return (interval, total);
        }
    }

    private sealed class Window
    {
        public long Sent, Completed, Ok, Timeouts, ConnectionErrors, Dropped, Errors;
        public readonly Dictionary<int, long> StatusCodes = [];
        public readonly LatencyHistogram Latency = new();
        public readonly LatencyHistogram Lag = new();

        public void Complete(StepResult result, long latencyMicros)
        {
            Completed++;
            Latency.RecordMicroseconds(latencyMicros);
            if (result.IsOk)
            {
                Ok++;
            }

            switch (result.Failure)
            {
                case FailureKind.Timeout: Timeouts++; break;
                case FailureKind.ConnectionError: ConnectionErrors++; break;
                case FailureKind.Error or FailureKind.Dropped: Errors++; break;
            }

            if (result.StatusCode != 0)
            {
                StatusCodes[result.StatusCode] = StatusCodes.GetValueOrDefault(result.StatusCode) + 1;
            }
        }

        public StatsSnapshot Snapshot(TimeSpan duration) => new()
        {
            Duration = duration,
            Sent = Sent,
            Completed = Completed,
            Ok = Ok,
            Timeouts = Timeouts,
            ConnectionErrors = ConnectionErrors,
            Dropped = Dropped,
            Errors = Errors,
            StatusCodes = new SortedDictionary<int, long>(StatusCodes),
            Latency = Latency.Summarize(),
            ScheduleLag = Lag.Summarize(),
        };

        public void Reset()
        {
            Sent = Completed = Ok = Timeouts = ConnectionErrors = Dropped = Errors = 0;
            StatusCodes.Clear();
            Latency.Reset();
            Lag.Reset();
        }
    }
}
