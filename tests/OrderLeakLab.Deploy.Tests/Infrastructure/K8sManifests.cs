using System.Text.Json.Nodes;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>
/// What <c>kubectl kustomize k8s/</c> builds: the objects a cluster would receive, with the per-variant patches
/// and the generated ConfigMaps applied (built once per test run; kubectl is part of this machine's image).
/// </summary>
internal static class K8sManifests
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> Built = new(Build);

    /// <summary>Every object of the built kustomization.</summary>
    public static IReadOnlyList<JsonObject> All() => Built.Value;

    /// <summary>The object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static JsonObject Get(string kind, string name) =>
        All().Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);

    /// <summary>The first container of a workload's pod template.</summary>
    public static JsonObject Container(JsonObject workload) =>
        (JsonObject)workload["spec"]!["template"]!["spec"]!["containers"]![0]!;

    /// <summary>A container's environment as a dictionary.</summary>
    public static Dictionary<string, string> Env(JsonObject container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);

    private static IReadOnlyList<JsonObject> Build()
    {
        if (!Tool.Exists("kubectl"))
        {
            throw new InvalidOperationException("kubectl is not on PATH: the k8s/ tests build the manifests with `kubectl kustomize k8s/`.");
        }

        // -o: warnings on stderr stay out of the YAML.
        var file = Path.GetTempFileName();
        try
        {
            var result = Tool.RunAsync("kubectl", ["kustomize", RepoPaths.Of("k8s"), "-o", file]).GetAwaiter().GetResult();
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"`kubectl kustomize k8s/` failed: {result}");
            }

            return YamlJson.ReadDocuments(file).OfType<JsonObject>().ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
