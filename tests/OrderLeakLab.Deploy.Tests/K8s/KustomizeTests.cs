using OrderLeakLab.Deploy.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrderLeakLab.Deploy.Tests.K8s;

/// <summary>k8s/: kustomize builds, its copies of dashboards/ are current, its scripts parse.</summary>
public class KustomizeTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Copies() => new()
    {
        { "dashboards/grafana/dashboards/orderleaklab.json", "k8s/grafana/dashboards/orderleaklab.json" },
        { "dashboards/grafana/provisioning/datasources/prometheus.yml", "k8s/grafana/provisioning/datasources/prometheus.yml" },
        { "dashboards/grafana/provisioning/dashboards/orderleaklab.yml", "k8s/grafana/provisioning/dashboards/orderleaklab.yml" },
        { "dashboards/prometheus/alerts.yml", "k8s/prometheus/alerts.yml" },
    };

    [Theory]
    [MemberData(nameof(Copies))]
    public void K8sCopy_OfDashboardsFile_IsIdentical(string source, string copy)
    {
        Assert.True(File.ReadAllBytes(RepoPaths.Of(source)).AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.Of(copy))),
            $"{copy} differs from {source}: run k8s/sync-dashboards.sh");
    }

    [Fact]
    public async Task SyncScriptCheck_CopiesCurrent_ExitsZero()
    {
        var result = await Tool.RunAsync("bash", [RepoPaths.Of("k8s/sync-dashboards.sh"), "--check"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("k8s/repro.sh")]
    [InlineData("k8s/sync-dashboards.sh")]
    public async Task Script_BashNoExec_ParsesAndIsStrict(string script)
    {
        var result = await Tool.RunAsync("bash", ["-n", RepoPaths.Of(script)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("set -euo pipefail", await File.ReadAllTextAsync(RepoPaths.Of(script)));
    }

    [Fact]
    public async Task Kustomize_K8sFolder_BuildsEveryObjectWithTheDashboard()
    {
        if (!Tool.Exists("kubectl"))
        {
            output.WriteLine("SKIPPED: kubectl is not installed; `kubectl kustomize k8s/` was not run.");
            return;
        }

        var result = await Tool.RunAsync("kubectl", ["kustomize", RepoPaths.Of("k8s")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var built = YamlJsonFromText(result.Output);
        string[] expected =
        [
            "Namespace/orderleaklab", "Deployment/orders-leaky", "Deployment/orders-fixed", "Service/orders-leaky",
            "Service/orders-fixed", "Job/load", "Deployment/prometheus", "Deployment/grafana",
        ];
        var names = built.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").ToList();
        Assert.All(expected, e => Assert.Contains(e, names));
        Assert.All(built.Where(o => (string?)o["kind"] != "Namespace"), o => Assert.Equal("orderleaklab", (string?)o["metadata"]!["namespace"]));

        var dashboards = built.Single(o => (string?)o["kind"] == "ConfigMap" && ((string)o["metadata"]!["name"]!).StartsWith("grafana-dashboards-", StringComparison.Ordinal));
        Assert.Equal(
            await File.ReadAllTextAsync(RepoPaths.Of("dashboards/grafana/dashboards/orderleaklab.json")),
            (string?)dashboards["data"]!["orderleaklab.json"]);

        // Generated names carry a content hash; the Deployment must mount the generated one.
        var grafanaVolumes = built.Single(o => (string?)o["kind"] == "Deployment" && (string?)o["metadata"]!["name"] == "grafana")["spec"]!["template"]!["spec"]!["volumes"]!.ToJsonString();
        Assert.Contains((string)dashboards["metadata"]!["name"]!, grafanaVolumes);
    }

    private static List<System.Text.Json.Nodes.JsonObject> YamlJsonFromText(string yaml)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, yaml);
            return YamlJson.ReadDocuments(file).OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
