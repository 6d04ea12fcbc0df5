namespace OrderLeakLab.Lab.Supervision;

/// <summary>
/// CrashLoopBackoff computes the delay before each restart: <see cref="BackoffOptions.Initial"/>, doubling per
/// exit up to <see cref="BackoffOptions.Max"/>, back to the start once an incarnation ran
/// <see cref="BackoffOptions.ResetAfter"/>. Uptime is measured with the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class CrashLoopBackoff(BackoffOptions options, TimeProvider time)
{
    private TimeSpan _next = options.Initial;
    private long _startedAt = time.GetTimestamp();

    /// <summary>Call when an incarnation starts.</summary>
    public void OnStarted() => _startedAt = time.GetTimestamp();

    /// <summary>Call when an incarnation exits; returns how long to wait before starting the next.</summary>
    public TimeSpan OnExited()
    {
        if (time.GetElapsedTime(_startedAt) >= options.ResetAfter)
        {
            _next = options.Initial;
        }

        var delay = _next;
        var doubled = _next + _next;
        _next = doubled > options.Max ? options.Max : doubled;
        return delay;
    }
}
