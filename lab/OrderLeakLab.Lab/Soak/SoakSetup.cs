using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Verdict;
using OrderLeakLab.Load.Http;

namespace OrderLeakLab.Lab.Soak;

/// <summary>SoakSetup turns <c>soak</c>'s arguments into targets and expectations, or one usage problem.</summary>
internal sealed record SoakSetup(IReadOnlyList<TargetPlan> Targets, IReadOnlyList<Expectation> Expectations, string? Problem)
{
    public static async Task<SoakSetup> PrepareAsync(
        IEnumerable<string> targetArgs, IEnumerable<string> metricsArgs, IEnumerable<string> pidArgs, string? expectArg,
        SoakOptions options, CancellationToken cancellationToken)
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

            if (options.Command.Count > 0)
            {
                if (targets.Count != 1)
                {
                    return Fail("-- COMMAND launches one service: give exactly one --target NAME=URL, the address it listens on");
                }

                if (pids.Count > 0)
                {
                    return Fail("--pid is for a process the lab did not start; the lab knows the pid of the command after --");
                }

                if (CommandLaunch.Resolve(options.Command[0]) is null)
                {
                    return Fail($"-- {options.Command[0]}: no such file, and not found on PATH");
                }
            }

            var result = new List<TargetPlan>();
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

                if (options.Command.Count > 0)
                {
                    if (metrics.GetValueOrDefault(name) is { } given && !Uri.TryCreate(given, UriKind.Absolute, out _))
                    {
                        return Fail($"--metrics {name}: '{given}' is not an absolute URL");
                    }

                    var launchUrl = WithSlash(uri);
                    result.Add(new TargetPlan(name, launchUrl)
                    {
                        MetricsUrl = metrics.GetValueOrDefault(name) is { } m ? new Uri(m) : null,
                        Launch = new LaunchPlan(
                            options.MemoryLimitBytes,
                            options.Oom,
                            options.ReadyPath is { } ready ? new Uri(launchUrl, ready) : launchUrl,
                            cgroup => CommandLaunch.Create(options.Command, cgroup, options.Oom, options.MemoryLimitBytes))
                        {
                            Backoff = options.Backoff,
                        },
                    });
                    continue;
                }

                if (pids.GetValueOrDefault(name) is { } pidText)
                {
                    if (!int.TryParse(pidText, out var pid) || pid <= 0)
                    {
                        return Fail($"--pid {name}: '{pidText}' is not a process id");
                    }

                    try
                    {
                        var source = await PidSampleSource.StartAsync(pid, options.SampleInterval, cancellationToken);
                        result.Add(new TargetPlan(name, WithSlash(uri)) { Source = source, Pid = pid });
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

                result.Add(new TargetPlan(name, WithSlash(uri)) { MetricsUrl = metricsUri });
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
    public static async Task DisposeSourcesAsync(IEnumerable<TargetPlan> targets)
    {
        foreach (var source in targets.Select(t => t.Source).OfType<IAsyncDisposable>())
        {
            await source.DisposeAsync();
        }
    }

    private static Uri WithSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");

    private static SoakSetup Fail(string problem) => new([], [], problem);
}
