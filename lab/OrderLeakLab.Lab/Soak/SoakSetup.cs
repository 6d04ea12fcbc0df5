using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Verdict;
using OrderLeakLab.Load.Http;

namespace OrderLeakLab.Lab.Soak;

/// <summary>SoakSetup turns <c>soak</c>'s arguments into targets and expectations, or one usage problem.</summary>
internal sealed record SoakSetup(IReadOnlyList<SoakTarget> Targets, IReadOnlyList<Expectation> Expectations, string? Problem)
{
    public static async Task<SoakSetup> PrepareAsync(
        IEnumerable<string> targetArgs, IEnumerable<string> metricsArgs, IEnumerable<string> pidArgs, string? expectArg,
        SoakOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            if (options.Validate() is { } invalid)
            {
                return Fail(invalid);
            }

            var targets = NamedValues.Parse(targetArgs, "--target");
            var metrics = NamedValues.Parse(metricsArgs, "--metrics").ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            var pids = NamedValues.Parse(pidArgs, "--pid").ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (pids.Keys.FirstOrDefault(metrics.ContainsKey) is { } both)
            {
                return Fail($"'{both}' has both --metrics and --pid; give one");
            }

            if (targets.Count == 0)
            {
                return Fail("give at least one --target NAME=URL");
            }

            if (metrics.Keys.Concat(pids.Keys).FirstOrDefault(name => !targets.Any(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase))) is { } stray)
            {
                return Fail($"--metrics/--pid names '{stray}', which is not a --target");
            }

            var result = new List<SoakTarget>();
            foreach (var (name, url) in targets)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    return Fail($"--target {name}: '{url}' is not an absolute URL");
                }

                if (await TargetGuard.CheckAsync(uri, allowRemote: false, cancellationToken) is { } refused)
                {
                    return Fail($"--target {name}: {refused}");
                }

                if (pids.GetValueOrDefault(name) is { } pidText)
                {
                    if (!int.TryParse(pidText, out var pid) || pid <= 0)
                    {
                        return Fail($"--pid {name}: '{pidText}' is not a process id");
                    }

                    try
                    {
                        result.Add(new SoakTarget(name, WithSlash(uri), await PidSampleSource.StartAsync(pid, options.SampleInterval, cancellationToken)));
                    }
                    catch (Inspect.InspectionException exception)
                    {
                        await DisposeSourcesAsync(result);
                        return Fail($"--pid {name}: {exception.Message}");
                    }

                    continue;
                }

                var metricsText = metrics.GetValueOrDefault(name) ?? new Uri(WithSlash(uri), "metrics").ToString();
                if (!Uri.TryCreate(metricsText, UriKind.Absolute, out var metricsUri))
                {
                    return Fail($"--metrics {name}: '{metricsText}' is not an absolute URL");
                }

                result.Add(new SoakTarget(name, WithSlash(uri), new MetricsScraper(http, metricsUri)));
            }

            try
            {
                var expectations = string.IsNullOrWhiteSpace(expectArg) ? [] : Expectation.ParseList(expectArg);
                return new SoakSetup(result, expectations, null);
            }
            catch (FormatException)
            {
                await DisposeSourcesAsync(result);
                throw;
            }
        }
        catch (FormatException exception)
        {
            return Fail(exception.Message);
        }
    }

    /// <summary>Ends the sources that hold something (EventPipe sessions of <c>--pid</c>).</summary>
    public static async Task DisposeSourcesAsync(IEnumerable<SoakTarget> targets)
    {
        foreach (var source in targets.Select(t => t.Source).OfType<IAsyncDisposable>())
        {
            await source.DisposeAsync();
        }
    }

    private static Uri WithSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");

    private static SoakSetup Fail(string problem) => new([], [], problem);
}
