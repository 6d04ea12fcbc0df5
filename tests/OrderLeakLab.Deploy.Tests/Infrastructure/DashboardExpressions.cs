using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>The Grafana dashboard's PromQL expressions, and Grafana's variables filled in as Grafana would.</summary>
internal static partial class DashboardExpressions
{
    /// <summary>The dashboard file (docker-compose.yml mounts it; k8s/ makes it a ConfigMap).</summary>
    public const string File = "dashboards/grafana/dashboards/orderleaklab.json";

    /// <summary>Metrics only cAdvisor (a container runtime) produces.</summary>
    private static readonly string[] CadvisorMetrics = ["container_memory_working_set_bytes", "container_oom_events_total"];

    /// <summary>Every PromQL expression in the dashboard, as written (with Grafana's $__ variables).</summary>
    public static IReadOnlyList<string> All() =>
        Panels().SelectMany(p => p["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();

    /// <summary>The dashboard's panels (rows aside).</summary>
    public static IEnumerable<JsonObject> Panels() =>
        ((JsonObject)JsonNode.Parse(System.IO.File.ReadAllText(RepoPaths.Of(File)))!)["panels"]!.AsArray()
            .Cast<JsonObject>().Where(p => (string?)p["type"] != "row");

    /// <summary>True when <paramref name="expr"/> reads a metric only cAdvisor produces.</summary>
    public static bool NeedsCadvisor(string expr) => CadvisorMetrics.Any(m => expr.Contains(m, StringComparison.Ordinal));

    /// <summary>
    /// Grafana's interval variables for a 2 s scrape and a 10-minute range; <c>$__rate_interval</c> a little wider than
    /// Grafana's 8 s, so that one slow scrape on a busy machine does not leave rate() with fewer than two samples.
    /// </summary>
    public static string Substitute(string expr) =>
        GrafanaVariable().Replace(expr, m => m.Value switch
        {
            "$__rate_interval" => "12s",
            "$__interval" => "2s",
            "$__range" => "10m",
            _ => throw new InvalidOperationException($"the test does not know Grafana variable {m.Value}"),
        });

    [GeneratedRegex(@"\$__\w+")]
    private static partial Regex GrafanaVariable();
}
