using System.Globalization;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Soak;

/// <summary>
/// SoakRunner runs a soak: samples every target through the baseline, drives the order scenario at all of
/// them through the load phase (the load engine, in-process), keeps sampling through the cooldown, and returns
/// the <see cref="RunReport"/> with a verdict per target. Cancelling the token ends it at once and returns a
/// report marked partial (verdicts from what was seen), never an exception.
/// </summary>
/// <example><code>
/// var report = await new SoakRunner(new OrderLoadDriver()).RunAsync(targets, new SoakOptions { Duration = TimeSpan.FromSeconds(30) }, Console.WriteLine, ct);
/// await ReportWriter.WriteAsync(report, "artifacts/soak");
/// </code></example>
public sealed class SoakRunner(ILoadDriver load, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs the soak; <paramref name="log"/> gets a plain progress line every few seconds.</summary>
    public async Task<RunReport> RunAsync(
        IReadOnlyList<SoakTarget> targets, SoakOptions options, Action<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var planned = new RunPhases(options.Baseline, options.Baseline + options.Duration, options.Baseline + options.Duration + options.Cooldown);
        var startedAt = time.GetUtcNow();
        var start = time.GetTimestamp();
        var samples = targets.ToDictionary(t => t.Name, _ => new List<TargetSample>());
        var accumulators = targets.ToDictionary(t => t.Name, _ => new LoadAccumulator());
        var restarts = targets.ToDictionary(t => t.Name, _ => new RestartDetector(startedAt));
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? loadTask = null;
        string? partial = null;
        try
        {
            for (var tick = 0; ; tick++)
            {
                // Under load, sample half an interval after the engine closes its one-second intervals, so each
                // sample collects exactly one of them instead of racing it (which reads as 0, then 2, per second).
                var due = options.SampleInterval * tick;
                due += due >= planned.LoadStart ? options.SampleInterval / 2 : TimeSpan.Zero;
                if (due > planned.End)
                {
                    break;
                }

                if (loadTask is null && due >= planned.LoadStart)
                {
                    await DelayUntil(start, planned.LoadStart, cancellationToken).ConfigureAwait(false);
                    log?.Invoke($"load: {options.Rate} req/s per target for {options.Duration.TotalSeconds:0}s");
                    var loadTargets = targets.Select(t => new LoadTarget(t.Name, t.Url)).ToList();
                    loadTask = load.RunAsync(loadTargets, options.Rate, options.Duration, t => accumulators.GetValueOrDefault(t.Target)?.Add(t), loadStop.Token);
                }

                await DelayUntil(start, due, cancellationToken).ConfigureAwait(false);
                var elapsed = time.GetElapsedTime(start);
                var readings = await Task.WhenAll(targets.Select(t => t.Source.ReadAsync(cancellationToken))).ConfigureAwait(false);
                for (var i = 0; i < targets.Count; i++)
                {
                    var (sent, ok, timedOut, errors, p99) = accumulators[targets[i].Name].Drain();
                    restarts[targets[i].Name].Observe(readings[i], elapsed, samples[targets[i].Name]);
                    samples[targets[i].Name].Add(readings[i].ToSample(elapsed, sent, ok, timedOut, errors, p99));
                }

                if (tick % 5 == 0)
                {
                    log?.Invoke(Progress(elapsed, targets, samples));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            partial = string.Create(CultureInfo.InvariantCulture, $"interrupted at {time.GetElapsedTime(start).TotalSeconds:0}s of {planned.End.TotalSeconds:0}s");
        }
        finally
        {
            loadStop.Cancel();
            if (loadTask is not null)
            {
                try
                {
                    await loadTask.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping the load early is what we asked for.
                }
            }
        }

        var end = time.GetElapsedTime(start);
        var phases = partial is null
            ? planned
            : new RunPhases(Min(planned.LoadStart, end), Min(planned.LoadEnd, end), end);
        var timelines = targets.Select(t => new TargetTimeline(
            t.Name,
            samples[t.Name].Select(s => s.LimitBytes).LastOrDefault(l => l is not null),
            samples[t.Name],
            restarts[t.Name].Exits)).ToList();
        var verdicts = timelines.Select(t => VerdictEvaluator.Evaluate(t, phases, options.Verdict)).ToList();
        return new RunReport("leaklab soak", startedAt, phases, timelines, verdicts, Partial: partial)
        {
            Notes =
            [
                .. targets.Select(t => $"{t.Name}: load → {t.Url}, samples ← {t.Source.Description}"),
                string.Create(CultureInfo.InvariantCulture, $"{options.Rate} req/s per target; baseline {options.Baseline.TotalSeconds:0}s, load {options.Duration.TotalSeconds:0}s, cooldown {options.Cooldown.TotalSeconds:0}s"),
            ],
        };
    }

    private async Task DelayUntil(long start, TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - time.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Progress(TimeSpan elapsed, IReadOnlyList<SoakTarget> targets, Dictionary<string, List<TargetSample>> samples) =>
        string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,4:0}s] ")
        + string.Join("  |  ", targets.Select(t =>
        {
            var s = samples[t.Name][^1];
            return s.Up
                ? string.Create(CultureInfo.InvariantCulture, $"{t.Name}: rss {(s.RssBytes ?? 0) / 1048576.0:0.0} MiB, workers {s.WorkersInflight?.ToString(CultureInfo.InvariantCulture) ?? "-"}, ok {s.Ok}, timeouts {s.TimedOut}, errors {s.Errors}")
                : $"{t.Name}: DOWN";
        }));
}
