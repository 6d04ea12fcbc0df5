using Microsoft.Extensions.Time.Testing;

namespace OrderLeakLab.Testing;

/// <summary>
/// TimerCountingTimeProvider is a <see cref="FakeTimeProvider"/> that also says how many of its timers are armed, so a
/// test can await "the code under test is waiting on the clock" before it moves time, instead of sleeping.
/// <code>
/// var clock = new TimerCountingTimeProvider();
/// var run = new LoadRunner(timeProvider: clock).RunAsync([scenario]);
/// await Eventually.UntilAsync(() => clock.ArmedTimers >= 1, deadline, "the engine waits on the clock");
/// clock.Advance(TimeSpan.FromMilliseconds(5));
/// </code>
/// Time and timers are the fake's (FakeTimeProvider 10.x): <see cref="Advance"/> fires due timers in due order,
/// synchronously, and a callback sees the time advanced to, not its own due time. Limit: a timer re-armed by another
/// thread while its callback is being invoked may be counted as disarmed until it is changed again.
/// </summary>
public sealed class TimerCountingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private int _armed;

    /// <summary>Timers with a due time set that have not fired (one-shot), been disarmed or been disposed.</summary>
    public int ArmedTimers => Volatile.Read(ref _armed);

    /// <inheritdoc />
    public override long TimestampFrequency => _fake.TimestampFrequency;

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta) => _fake.Advance(delta);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => _fake.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(this, callback, state);
        timer.Inner = _fake.CreateTimer(static t => ((CountedTimer)t!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class CountedTimer(TimerCountingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private int _armed;
        private volatile bool _oneShot;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _oneShot = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;
            SetArmed(dueTime != Timeout.InfiniteTimeSpan);
            return Inner.Change(dueTime, period);
        }

        public void Fire()
        {
            if (_oneShot)
            {
                SetArmed(false);
            }

            callback(state);
        }

        public void Dispose()
        {
            SetArmed(false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void SetArmed(bool armed)
        {
            var now = armed ? 1 : 0;
            var was = Interlocked.Exchange(ref _armed, now);
            Interlocked.Add(ref owner._armed, now - was);
        }
    }
}
