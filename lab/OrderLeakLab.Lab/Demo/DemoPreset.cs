using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// DemoPreset is <c>leaklab demo</c> as a <see cref="RunPlan"/>: the two order-service variants launched side by side
/// under the same memory limit, loaded with the order scenario, read from their <c>/metrics</c>, inspected at the
/// leak site, and expected to be one LEAK and one FLAT.
/// </summary>
public static class DemoPreset
{
    /// <summary>Builds the plan for <paramref name="options"/> with the order service at <paramref name="serviceDll"/> (ports picked now).</summary>
    public static RunPlan Create(DemoOptions options, string serviceDll)
    {
        ArgumentNullException.ThrowIfNull(options);
        var targets = LabDefaults.Variants.Select(name =>
        {
            var (httpPort, adminPort) = (FreePort.Next(), FreePort.Next());
            var url = new Uri($"http://127.0.0.1:{httpPort}/");
            return new TargetPlan(name, url)
            {
                MetricsUrl = new Uri(url, "metrics"),
                AdminUrl = new Uri($"http://127.0.0.1:{adminPort}/"),
                Launch = new LaunchPlan(
                    options.MemoryLimitBytes,
                    options.Oom,
                    new Uri(url, "readyz"),
                    cgroup => VariantLaunch.Create(name, serviceDll, httpPort, adminPort, cgroup, options.Oom, options.MemoryLimitBytes, options.Leak))
                {
                    LivenessUrl = new Uri(url, "healthz"),
                    Backoff = options.Backoff,
                },
            };
        }).ToList();
        return new RunPlan
        {
            Title = options.Leak == LeakPatterns.Default ? "leaklab demo" : $"leaklab demo --leak {options.Leak}",
            Targets = targets,
            Load = LoadPlan.Orders,
            Rate = options.Rate,
            Baseline = options.Baseline,
            Duration = options.Duration,
            RampUp = options.RampUp,
            Cooldown = options.Cooldown,
            Inspect = options.Inspect,
            InspectAtPercent = options.InspectAtPercent,
            Expect = options.Expect,
            ReportDirectory = options.ReportDirectory,
            CountRegistrations = PatternPreset.For(options.Leak).CountRegistrations,
            Contract = ServiceContract.FromEnvironment(),
        };
    }
}
