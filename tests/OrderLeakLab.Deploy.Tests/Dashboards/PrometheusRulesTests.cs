using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.Dashboards;

/// <summary>The Prometheus configs and alert rules, checked and unit-tested by the real promtool.</summary>
public class PrometheusRulesTests
{
    [Fact]
    public async Task CheckConfig_PrometheusYml_IsValidWithItsRules()
    {
        // The one config, for compose and (as a generated ConfigMap) for k8s/.
        var result = await Tool.RunAsync("promtool", ["check", "config", RepoPaths.Of("dashboards/prometheus/prometheus.yml")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("6 rules found", result.Output);
    }

    [Fact]
    public async Task CheckRules_AlertsYml_IsValid()
    {
        var result = await Tool.RunAsync("promtool", ["check", "rules", RepoPaths.Of("dashboards/prometheus/alerts.yml")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task TestRules_LeakMemoryRestartStarvationTimerAndCpuAlerts_FireOnlyForTheFailure()
    {
        // alerts.test.yml: linear rise of orders_workers_inflight fires, flat line stays silent; the OOM saw fires
        // through the counters; memory above 90% of the limit; three restarts in 15 minutes; a starved thread pool;
        // timers that keep rising; CPU per order doubling and CPU with no orders — each silent for the fixed twin.
        var result = await Tool.RunAsync("promtool", ["test", "rules", "alerts.test.yml"], RepoPaths.Of("dashboards/prometheus"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output);
    }

    [Fact]
    public async Task TestRules_AlertThatCannotFire_IsCaught()
    {
        // A broken rule must make `promtool test rules` fail, or the test above could pass on anything.
        var dir = Directory.CreateTempSubdirectory("orderleaklab-rules-");
        try
        {
            var rules = await File.ReadAllTextAsync(RepoPaths.Of("dashboards/prometheus/alerts.yml"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "alerts.yml"), rules.Replace(") >= 3", ") >= 300", StringComparison.Ordinal));
            File.Copy(RepoPaths.Of("dashboards/prometheus/alerts.test.yml"), Path.Combine(dir.FullName, "alerts.test.yml"));

            var result = await Tool.RunAsync("promtool", ["test", "rules", "alerts.test.yml"], dir.FullName);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("OrdersRestartLoop", result.Output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
