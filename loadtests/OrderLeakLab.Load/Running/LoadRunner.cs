using System.Threading.Channels;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Running;

/// <summary>
/// LoadRunner runs scenarios side by side on open-model timetables computed from one shared start time.
/// <code>
/// var runner = new LoadRunner(new LoadRunOptions { OnInterval = s => Console.WriteLine(s.Total.Sent) });
/// LoadResult result = await runner.RunAsync([leaky, fixedScenario], cancellationToken);
/// </code>
/// Time comes from the injected <see cref="TimeProvider"/> (default <see cref="TimeProvider.System"/>):
/// timetable, latency, intervals and thresholds all use it, so a fake clock drives the whole engine.
/// </summary>
public sealed class LoadRunner
{
    private readonly LoadRunOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner with <paramref name="options"/> (validated) and <paramref name="timeProvider"/>.</summary>
    public LoadRunner(LoadRunOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LoadRunOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="scenarios"/> to the end of their timetables (or cancellation) and returns the result.</summary>
    public Task<LoadResult> RunAsync(IReadOnlyList<Scenario> scenarios, CancellationToken cancellationToken = default) =>
        Start(scenarios, cancellationToken).Completion;

    /// <summary>Starts <paramref name="scenarios"/> now and returns the live run (names must be unique).</summary>
    public LoadRun Start(IReadOnlyList<Scenario> scenarios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var duplicate = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Scenario names must be unique; '{duplicate.Key}' appears twice.", nameof(scenarios));
        }

        var channel = Channel.CreateUnbounded<IntervalStats>(new UnboundedChannelOptions { SingleReader = false });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completion = RunAllAsync(scenarios, channel.Writer, stop);
        return new LoadRun(channel.Reader, completion, stop);
    }

    private async Task<LoadResult> RunAllAsync(
        IReadOnlyList<Scenario> scenarios, ChannelWriter<IntervalStats> writer, CancellationTokenSource stop)
    {
        await Task.Yield();
        var startedAt = _time.GetUtcNow();
        var start = _time.GetTimestamp();
        try
        {
            void Publish(IntervalStats stats)
            {
                writer.TryWrite(stats);
                _options.OnInterval?.Invoke(stats);
            }

            var runners = scenarios.Select(s => new ScenarioRunner(s, _options, _time, Publish)).ToList();
            var results = await Task.WhenAll(runners.Select(r => r.RunAsync(start, stop.Token))).ConfigureAwait(false);
            writer.TryComplete();
            return new LoadResult
            {
                StartedAt = startedAt,
                Duration = _time.GetElapsedTime(start),
                Cancelled = stop.IsCancellationRequested,
                Scenarios = results,
            };
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
            throw;
        }
        finally
        {
            stop.Dispose();
        }
    }
}
