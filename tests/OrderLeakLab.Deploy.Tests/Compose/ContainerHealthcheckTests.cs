using OrderLeakLab.Common;
using System.Text.Json.Nodes;
using OrderLeakLab.Deploy.Tests.Infrastructure;
using OrderLeakLab.Lab;

namespace OrderLeakLab.Deploy.Tests.Compose;

/// <summary>
/// The containers' bash healthchecks and the compose environment, run here against the real service: no Docker
/// engine, but the same commands and the same variables (with free ports in place of 8080 and 6060).
/// </summary>
public class ContainerHealthcheckTests
{
    [Fact]
    public async Task Healthchecks_ComposeDockerfileAndK8sInit_PassWhenReadyAndFailWhenDown()
    {
        var port = FreePort.Next();
        var env = ComposeEnvironment("orders-fixed", port, FreePort.Next());
        var scripts = new Dictionary<string, string>
        {
            ["docker-compose.yml"] = ComposeHealthcheck(),
            ["services/OrderService/Dockerfile"] = DockerfileHealthcheck(),
            ["k8s/load-job.yaml init container"] = K8sWaitScript(),
        }.ToDictionary(kv => kv.Key, kv => Localize(kv.Value, port));

        foreach (var (source, script) in scripts)
        {
            Assert.NotEqual(0, (await Tool.RunAsync("timeout", ["5", "bash", "-c", script])).ExitCode);
        }

        // The compose environment as it is (ASPNETCORE_HTTP_PORTS, not the launcher's ASPNETCORE_URLS): ready when /readyz answers.
        var composed = env.ToDictionary(kv => kv.Key, string? (kv) => kv.Value);
        composed["ASPNETCORE_URLS"] = null;
        composed["DOTNET_gcServer"] = env.GetValueOrDefault("DOTNET_gcServer");
        await using (var service = await OrderServiceProcess.StartAsync(new() { Variant = env["Orders__Variant"], Environment = composed, StartupTimeout = TimeSpan.FromSeconds(60) }))
        {
            foreach (var (source, script) in scripts)
            {
                var result = await Tool.RunAsync("timeout", ["20", "bash", "-c", script]);
                Assert.True(result.ExitCode == 0, $"{source} healthcheck failed against a ready service: {result}");
            }
        }
    }

    /// <summary>The compose service's environment, with its ports moved to free ones.</summary>
    private static Dictionary<string, string> ComposeEnvironment(string service, int port, int adminPort)
    {
        var env = YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]![service]!["environment"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        env["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        env["Orders__AdminUrls"] = env["Orders__AdminUrls"].Replace($":{LabDefaults.AdminPort}", $":{adminPort}", StringComparison.Ordinal);
        return env;
    }

    private static string ComposeHealthcheck()
    {
        var test = YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]!["orders-fixed"]!["healthcheck"]!["test"]!.AsArray();
        Assert.Equal(["CMD", "bash", "-c"], test.Take(3).Select(n => (string)n!));
        return (string)test[3]!;
    }

    private static string DockerfileHealthcheck()
    {
        var lines = File.ReadAllLines(RepoPaths.Of("services/OrderService/Dockerfile"));
        var cmd = lines.SkipWhile(l => !l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.StartsWith("CMD [", cmd);
        var exec = JsonNode.Parse(cmd["CMD ".Length..])!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(["bash", "-c"], exec.Take(2));
        return exec[2];
    }

    private static string K8sWaitScript()
    {
        var init = K8sManifests.Get("Job", "load")["spec"]!["template"]!["spec"]!["initContainers"]![0]!["command"]!.AsArray();
        return ((string)init[2]!).Replace("orders-leaky orders-fixed", "127.0.0.1", StringComparison.Ordinal);
    }

    private static string Localize(string script, int port) =>
        script.Replace($"/{LabDefaults.ContainerHttpPort}", $"/{port}", StringComparison.Ordinal);
}
