using System.Text.Json.Nodes;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.K8s;

/// <summary>
/// k8s/: `kubectl kustomize` builds every object, the ConfigMaps hold the very files docker-compose.yml mounts
/// (one copy of each, in dashboards/), and the two order Deployments come from one with a patch per variant.
/// </summary>
public class KustomizeTests
{
    [Fact]
    public void Kustomize_K8sFolder_BuildsEveryObjectInTheNamespace()
    {
        string[] expected =
        [
            "Namespace/orderleaklab", "Deployment/orders-leaky", "Deployment/orders-fixed", "Service/orders-leaky",
            "Service/orders-fixed", "Job/load", "Deployment/prometheus", "Service/prometheus", "Deployment/grafana",
            "Service/grafana",
        ];

        var names = K8sManifests.All().Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").ToList();

        Assert.All(expected, e => Assert.Contains(e, names));
        Assert.All(K8sManifests.All().Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("orderleaklab", (string?)o["metadata"]!["namespace"]));
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("grafana")]
    public void ConfigMapFiles_AtEachContainerPath_AreTheFilesComposeMountsThere(string service)
    {
        // The same path inside the container must hold the same bytes in compose (a bind mount of dashboards/)
        // and in the cluster (a generated ConfigMap), or the two demos would show different dashboards.
        var compose = ComposeMounts(service);
        var pod = K8sManifests.Get("Deployment", service)["spec"]!["template"]!["spec"]!;
        var configMapVolumes = pod["volumes"]!.AsArray()
            .Where(v => v!["configMap"] is not null)
            .ToDictionary(v => (string)v!["name"]!, v => (string)v!["configMap"]!["name"]!);
        var compared = 0;

        foreach (var mount in K8sManifests.Container(K8sManifests.Get("Deployment", service))["volumeMounts"]!.AsArray())
        {
            if (!configMapVolumes.TryGetValue((string)mount!["name"]!, out var configMapName))
            {
                continue;
            }

            var configMap = K8sManifests.All().Single(o => (string?)o["kind"] == "ConfigMap" && (string?)o["metadata"]!["name"] == configMapName);
            foreach (var (key, content) in configMap["data"]!.AsObject())
            {
                var containerPath = $"{(string)mount["mountPath"]!}/{key}";
                var (target, source) = compose.Single(m => containerPath.StartsWith(m.Target + "/", StringComparison.Ordinal));
                var hostFile = RepoPaths.Of(source + containerPath[target.Length..]);

                Assert.True(File.Exists(hostFile), $"{service}: {containerPath} comes from a ConfigMap but compose mounts no {hostFile}");
                Assert.Equal(File.ReadAllText(hostFile), (string?)content);
                compared++;
            }
        }

        Assert.True(compared >= 2, $"{service}: only {compared} ConfigMap files were compared");
    }

    [Fact]
    public void DashboardFiles_InTheRepository_ExistOnce()
    {
        var single = Directory.EnumerateFiles(RepoPaths.Of("dashboards"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .ToDictionary(f => f, File.ReadAllBytes);
        string[] skipped = [".git", "bin", "obj", "artifacts", "dashboards"];

        var copies = Directory.EnumerateFiles(RepoPaths.Root, "*", new EnumerationOptions { RecurseSubdirectories = false })
            .Concat(Directory.EnumerateDirectories(RepoPaths.Root)
                .Where(d => !skipped.Contains(Path.GetFileName(d)))
                .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => single.Values.Any(bytes => new FileInfo(f).Length == bytes.Length && File.ReadAllBytes(f).AsSpan().SequenceEqual(bytes)))
            .ToList();

        Assert.True(copies.Count == 0, "copies of dashboards/ files: " + string.Join(", ", copies));
    }

    [Fact]
    public void OrderDeployments_LeakyAndFixed_DifferOnlyInNameAndVariant()
    {
        foreach (var kind in new[] { "Deployment", "Service" })
        {
            var leaky = K8sManifests.Get(kind, "orders-leaky").ToJsonString();
            var fixedOne = K8sManifests.Get(kind, "orders-fixed").ToJsonString();

            Assert.Equal(fixedOne, leaky.Replace("leaky", "fixed", StringComparison.Ordinal));
        }

        // One Deployment in the sources, the variants are patches: no second hand-kept copy to drift.
        var deploymentFiles = Directory.EnumerateFiles(RepoPaths.Of("k8s"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("kind: Deployment\n", StringComparison.Ordinal) && File.ReadAllText(f).Contains("order-service", StringComparison.Ordinal))
            .ToList();
        Assert.Single(deploymentFiles);
    }

    [Theory]
    [InlineData("k8s/repro.sh")]
    [InlineData("scripts/install-docker-engine.sh")]
    public async Task Script_BashNoExec_ParsesAndIsStrict(string path)
    {
        var script = RepoPaths.Of(path);

        var result = await Tool.RunAsync("bash", ["-n", script]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("set -euo pipefail", await File.ReadAllTextAsync(script));
    }

    /// <summary>A compose service's bind mounts: the path in the container and the repository folder it shows.</summary>
    private static List<(string Target, string Source)> ComposeMounts(string service) =>
        YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]![service]!["volumes"]!.AsArray()
            .Select(v => ((string)v!).Split(':'))
            .Where(parts => parts[0].StartsWith("./", StringComparison.Ordinal))
            .Select(parts => (parts[1], parts[0][2..]))
            .ToList();
}
