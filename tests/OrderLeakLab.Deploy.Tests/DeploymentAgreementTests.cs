using System.Text.Json.Nodes;
using OrderLeakLab.Deploy.Tests.Infrastructure;
using OrderLeakLab.Lab;

namespace OrderLeakLab.Deploy.Tests;

/// <summary>docker-compose.yml, k8s/ and the lab's <see cref="LabDefaults"/> tell the same story.</summary>
public class DeploymentAgreementTests
{
    public static TheoryData<string> Variants() => new(LabDefaults.Variants);

    [Theory]
    [MemberData(nameof(Variants))]
    public void MemoryLimit_ComposeAndK8s_EqualLabDefault(string variant)
    {
        Assert.Equal(LabDefaults.MemoryLimitBytes, ParseQuantity((string)ComposeService(variant)["mem_limit"]!));
        Assert.Equal(LabDefaults.MemoryLimitBytes, ParseQuantity((string)ComposeService(variant)["memswap_limit"]!));

        var resources = K8sManifests.Container(Deployment(variant))["resources"]!;
        Assert.Equal(LabDefaults.MemoryLimitBytes, ParseQuantity((string)resources["limits"]!["memory"]!));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Environment_ComposeAndK8s_SelectVariantPortAndKernelOom(string variant)
    {
        var compose = ComposeService(variant)["environment"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        var k8s = K8sManifests.Env(K8sManifests.Container(Deployment(variant)));

        foreach (var env in new[] { compose, k8s })
        {
            Assert.Equal(variant, env["Orders__Variant"]);
            Assert.Equal(LabDefaults.KernelOomGcHeapHardLimit, env[LabDefaults.GcHeapHardLimitVariable]);
            Assert.Equal(LabDefaults.ContainerHttpPort.ToString(), env["ASPNETCORE_HTTP_PORTS"]);
            Assert.Equal(LabDefaults.AdminPort, new Uri(env["Orders__AdminUrls"]).Port);
        }

        // The GC limit is above the memory limit, or the runtime would throw before the kernel kills.
        Assert.True(Convert.ToInt64(LabDefaults.KernelOomGcHeapHardLimit, 16) > LabDefaults.MemoryLimitBytes);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void PortsAndProbes_ComposeAndK8s_UseContainerPort(string variant)
    {
        var port = LabDefaults.ContainerHttpPort;
        Assert.Contains(ComposeService(variant)["ports"]!.AsArray(), p => ((string)p!).EndsWith($":{port}", StringComparison.Ordinal));
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", ComposeService(variant)["healthcheck"]!["test"]!.ToJsonString());

        var container = K8sManifests.Container(Deployment(variant));
        Assert.Equal(port, (long)container["ports"]![0]!["containerPort"]!);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(port, (long)K8sManifests.Get("Service", $"orders-{variant}")["spec"]!["ports"]![0]!["port"]!);
    }

    [Fact]
    public void Images_ComposeAndK8s_AreTheSameForEachRole()
    {
        var orderImages = LabDefaults.Variants
            .SelectMany(v => new[] { (string)ComposeService(v)["image"]!, (string)K8sManifests.Container(Deployment(v))["image"]! })
            .Distinct().ToList();
        Assert.Single(orderImages);

        var job = K8sManifests.Get("Job", "load");
        Assert.Equal((string?)ComposeServices()["load"]!["image"], (string?)K8sManifests.Container(job)["image"]);
        Assert.Equal((string?)ComposeServices()["prometheus"]!["image"], (string?)K8sManifests.Container(K8sManifests.Get("Deployment", "prometheus"))["image"]);
        Assert.Equal((string?)ComposeServices()["grafana"]!["image"], (string?)K8sManifests.Container(K8sManifests.Get("Deployment", "grafana"))["image"]);
    }

    [Fact]
    public void Containers_K8s_PinnedIfNotPresentAndNonRoot()
    {
        var workloads = K8sManifests.All().Where(o => (string?)o["kind"] is "Deployment" or "Job");
        foreach (var workload in workloads)
        {
            var pod = workload["spec"]!["template"]!["spec"]!;
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{workload["metadata"]!["name"]} may run as root");
            var containers = pod["containers"]!.AsArray().Concat(pod["initContainers"]?.AsArray() ?? []);
            foreach (var container in containers)
            {
                var image = (string)container!["image"]!;
                Assert.DoesNotContain(":latest", image);
                Assert.Matches(@":[\w][\w.-]*$", image);
                Assert.Equal("IfNotPresent", (string?)container["imagePullPolicy"]);
            }
        }
    }

    [Fact]
    public void LoadArguments_ComposeAndK8s_SameRateTargetsAndAllowRemote()
    {
        var compose = ComposeServices()["load"]!["command"]!.AsArray().Select(a => (string)a!).ToList();
        var k8s = K8sManifests.Container(K8sManifests.Get("Job", "load"))["args"]!.AsArray().Select(a => (string)a!).ToList();

        Assert.Equal(compose, k8s);
        Assert.Equal(LabDefaults.RatePerTarget.ToString(), compose[compose.IndexOf("--rate") + 1]);
        Assert.Contains("--allow-remote", compose);
        foreach (var variant in LabDefaults.Variants)
        {
            Assert.Contains($"{variant}=http://orders-{variant}:{LabDefaults.ContainerHttpPort}", compose);
        }
    }

    [Fact]
    public void ScrapeTargets_PrometheusConfigs_MatchServiceNamesAndPort()
    {
        // One file for compose and k8s/ (KustomizeTests proves the ConfigMap is this file).
        var job = YamlJson.ReadObject(RepoPaths.Of("dashboards/prometheus/prometheus.yml"))["scrape_configs"]!.AsArray()
            .Single(j => (string?)j!["job_name"] == "orders")!;
        var targets = job["static_configs"]!.AsArray()
            .ToDictionary(c => (string)c!["labels"]!["variant"]!, c => (string)c!["targets"]![0]!);
        Assert.Equal(
            LabDefaults.Variants.ToDictionary(v => v, v => $"orders-{v}:{LabDefaults.ContainerHttpPort}"),
            targets);

    }

    private static JsonObject ComposeServices() => (JsonObject)YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]!;

    private static JsonObject ComposeService(string variant) => (JsonObject)ComposeServices()[$"orders-{variant}"]!;

    private static JsonObject Deployment(string variant) => K8sManifests.Get("Deployment", $"orders-{variant}");

    /// <summary>Compose ("256m") and Kubernetes ("256Mi") binary quantities in bytes.</summary>
    private static long ParseQuantity(string quantity)
    {
        var match = System.Text.RegularExpressions.Regex.Match(quantity, @"^(\d+)(Ki|Mi|Gi|k|m|g|b)?$");
        Assert.True(match.Success, $"unreadable memory quantity '{quantity}'");
        var shift = match.Groups[2].Value switch { "Ki" or "k" => 10, "Mi" or "m" => 20, "Gi" or "g" => 30, _ => 0 };
        return long.Parse(match.Groups[1].Value) << shift;
    }
}
