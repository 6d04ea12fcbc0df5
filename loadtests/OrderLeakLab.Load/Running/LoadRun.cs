using System.Threading.Channels;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Running;

/// <summary>
/// LoadRun is a run in progress: read <see cref="Intervals"/> for live stats, await <see cref="Completion"/>
/// for the result, call <see cref="Stop"/> (or cancel the token given to
/// <see cref="LoadRunner.Start"/>) to end it early; disposing stops it and waits for it.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    internal LoadRun(ChannelReader<IntervalStats> intervals, Task<LoadResult> completion, CancellationTokenSource stop)
    {
        Intervals = intervals;
        Completion = completion;
        _stop = stop;
    }

    /// <summary>
    /// Every closed interval of every scenario, interleaved in time order, completed when the run ends.
    /// Unbounded (one small record per scenario per second), so a reader that falls behind loses nothing.
    /// </summary>
    public ChannelReader<IntervalStats> Intervals { get; }

    /// <summary>The run's result; faults only on a bug or a throwing <see cref="LoadRunOptions.OnInterval"/>.</summary>
    public Task<LoadResult> Completion { get; }

    /// <summary>Stops sending, cancels in-flight steps and completes the run with what was measured.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already finished.
        }
    }

    /// <summary>Stops the run and waits until it has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception) when (Completion.IsFaulted)
        {
            // Disposal must not throw; callers that care await Completion themselves.
        }
    }
}
