using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Reports;
using OrderLeakLab.Load.Requests;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Scenarios;

namespace OrderLeakLab.Scenarios.Cli;

/// <summary>LoadExecution runs validated settings: one order scenario per target, live lines, summary, reports.</summary>
public static class LoadExecution
{
    /// <summary>Runs the load described by <paramref name="settings"/> and returns 0 (passed) or 1 (a threshold failed).</summary>
    public static async Task<int> RunAsync(LoadSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var http = new LoadHttpOptions { MaxConnectionsPerServer = settings.MaxConnections, RequestTimeout = settings.Timeout };
        var mix = settings.Requests.Count > 0 ? new RequestMix(settings.Requests, settings.Seed) : null;
        var scenarios = settings.Targets.Select(target =>
        {
            var thresholds = settings.Thresholds.Where(t => t.Scenario is null || t.Scenario == target.Name).Select(t => t.Threshold).ToArray();
            var orders = new OrderScenarioOptions
            {
                Rate = settings.Rate,
                Duration = settings.Duration,
                Seed = settings.Seed,
                Http = http,
                MaxInFlight = settings.MaxInFlight,
                Thresholds = thresholds,
            };
            return mix is null
                ? OrderScenario.Create(target.Name, target.Url, orders)
                : RequestMixScenario.Create(target.Name, target.Url, mix, orders.Timetable, http).WithThresholds(thresholds).WithMaxInFlight(settings.MaxInFlight);
        }).ToList();

        var width = settings.Targets.Max(t => t.Name.Length);
        var gate = new Lock();
        var runner = new LoadRunner(new LoadRunOptions
        {
            DrainTimeout = settings.Timeout,
            OnInterval = stats =>
            {
                lock (gate)
                {
                    output.WriteLine(ConsoleReport.FormatInterval(stats, width));
                }
            },
        });

        await output.WriteLineAsync(
            $"Sending {settings.Rate} req/s for {DurationFormat.Typed(settings.Duration)} to {string.Join(", ", settings.Targets.Select(t => $"{t.Name}={t.Url}"))}: {(mix is null ? "POST /orders" : $"request mix {mix}")} (seed {settings.Seed})")
            .ConfigureAwait(false);
        var result = await runner.RunAsync(scenarios, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(ConsoleReport.FormatSummary(result)).ConfigureAwait(false);
        if (settings.ReportDirectory is { } directory)
        {
            var (json, markdown) = await ReportWriter.WriteAsync(directory, result, CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync($"Reports: {json}, {markdown}").ConfigureAwait(false);
        }

        return result.ExitCode;
    }
}
