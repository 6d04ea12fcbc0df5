using System.Text.Json.Nodes;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>The hand-written manifests listed in k8s/kustomization.yaml, read without kubectl.</summary>
internal static class K8sManifests
{
    /// <summary>Every object of every resource file in the kustomization.</summary>
    public static IReadOnlyList<JsonObject> All()
    {
        var kustomization = YamlJson.ReadObject(RepoPaths.Of("k8s/kustomization.yaml"));
        return kustomization["resources"]!.AsArray()
            .SelectMany(file => YamlJson.ReadDocuments(RepoPaths.Of("k8s/" + (string)file!)))
            .OfType<JsonObject>()
            .ToList();
    }

    /// <summary>The object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static JsonObject Get(string kind, string name) =>
        All().Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);

    /// <summary>The first container of a workload's pod template.</summary>
    public static JsonObject Container(JsonObject workload) =>
        (JsonObject)workload["spec"]!["template"]!["spec"]!["containers"]![0]!;

    /// <summary>A container's environment as a dictionary.</summary>
    public static Dictionary<string, string> Env(JsonObject container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);
}
