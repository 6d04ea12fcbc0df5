using System.Text.Json.Nodes;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.Dashboards;

/// <summary>The dashboard JSON is a Grafana model wired to the provisioned datasource, and tells the whole story.</summary>
public class GrafanaDashboardTests
{
    private const string DashboardFile = "dashboards/grafana/dashboards/orderleaklab.json";

    [Fact]
    public void Dashboard_Model_HasStableUidAndCompletePanels()
    {
        var dashboard = Dashboard();

        Assert.Equal("orderleaklab", (string?)dashboard["uid"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)dashboard["title"]));
        Assert.True((int)dashboard["schemaVersion"]! >= 36);
        var panels = Panels().ToList();
        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        foreach (var panel in panels)
        {
            var title = (string?)panel["title"];
            Assert.False(string.IsNullOrWhiteSpace(title));
            Assert.False(string.IsNullOrWhiteSpace((string?)panel["type"]), $"{title}: no type");
            var grid = panel["gridPos"]!;
            Assert.True((int)grid["w"]! is > 0 and <= 24 && (int)grid["h"]! > 0 && (int)grid["x"]! + (int)grid["w"]! <= 24, $"{title}: bad gridPos");
            Assert.Equal(DatasourceUid(), (string?)panel["datasource"]?["uid"]);
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => (string)t!["refId"]!).Distinct().Count());
            foreach (var target in targets)
            {
                Assert.Equal(DatasourceUid(), (string?)target!["datasource"]?["uid"]);
                Assert.Equal("prometheus", (string?)target["datasource"]?["type"]);
                Assert.False(string.IsNullOrWhiteSpace((string?)target["expr"]), $"{title}: empty expr");
            }
        }
    }

    [Theory]
    [InlineData("orders_memory_limit_bytes")]
    [InlineData("process_working_set_bytes")]
    [InlineData("orders_workers_inflight")]
    [InlineData("changes(process_start_time_seconds")]
    [InlineData("container_oom_events_total")]
    [InlineData("orders_requests_total")]
    [InlineData("histogram_quantile(0.99")]
    [InlineData("http_request_duration_seconds_bucket")]
    [InlineData("dotnet_gc_last_collection_heap_size_bytes")]
    [InlineData("process_num_threads")]
    [InlineData("dotnet_thread_pool_threads")]
    [InlineData("dotnet_thread_pool_queue_length")]
    [InlineData("dotnet_timers")]
    [InlineData("process_cpu_seconds_total")]
    [InlineData("dotnet_gc_allocated_bytes_total")]
    [InlineData("dotnet_monitor_lock_contentions_total")]
    [InlineData("dotnet_exceptions_total")]
    public void Dashboard_Story_QueriesEachSignal(string fragment)
    {
        Assert.Contains(Expressions(), e => e.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Datasource_Provisioning_HasTheUidDashboardsUse()
    {
        var provisioning = YamlJson.ReadObject(RepoPaths.Of("dashboards/grafana/provisioning/datasources/prometheus.yml"));
        var datasource = provisioning["datasources"]!.AsArray().Single()!;

        Assert.Equal("prometheus", (string?)datasource["uid"]);
        Assert.Equal("prometheus", (string?)datasource["type"]);
        Assert.Equal("http://prometheus:9090", (string?)datasource["url"]);
    }

    /// <summary>Every PromQL expression in the dashboard, as written (with Grafana's $__ variables).</summary>
    internal static IReadOnlyList<string> Expressions() =>
        DashboardExpressions.All();

    private static JsonObject Dashboard() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(RepoPaths.Of(DashboardFile)))!;

    private static IEnumerable<JsonObject> Panels() =>
        Dashboard()["panels"]!.AsArray().Cast<JsonObject>().Where(p => (string?)p["type"] != "row");

    private static string DatasourceUid() =>
        (string)YamlJson.ReadObject(RepoPaths.Of("dashboards/grafana/provisioning/datasources/prometheus.yml"))["datasources"]![0]!["uid"]!;
}
