using OrderLeakLab.Common;
using System.Text.Json.Nodes;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>
/// The real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port with a temporary config and storage,
/// scraping the given order-service targets every second under the same job and labels as the compose config.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly ChildProcess _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly PrometheusApi _api;

    private PrometheusServer(DirectoryInfo dir, ChildProcess process, Uri baseUri)
    {
        _dir = dir;
        _process = process;
        _http.BaseAddress = baseUri;
        _api = new PrometheusApi(baseUri);
    }

    /// <summary>Writes the config (with alerts.yml, so the real server loads the rules too) and starts Prometheus.</summary>
    public static PrometheusServer Start(IReadOnlyDictionary<string, int> variantPorts)
    {
        var dir = Directory.CreateTempSubdirectory("orderleaklab-prometheus-");
        var port = FreePort.Next();
        var targets = string.Join('\n', variantPorts.Select(kv =>
            $"      - targets: [\"127.0.0.1:{kv.Value}\"]\n        labels:\n          variant: {kv.Key}"));
        // The interval and timeout of dashboards/prometheus/prometheus.yml (2 s). A 900 ms timeout failed scrapes of
        // both builds (the hand-written exposition and prometheus-net alike) at 2 × 400 req/s on a busy 2-core box,
        // and a failed scrape makes every series of its target stale.
        File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 2s
              evaluation_interval: 2s
            rule_files:
              - alerts.yml
            scrape_configs:
              - job_name: orders
                honor_labels: true
                scrape_timeout: 2s
                static_configs:
            {targets}
            """);
        File.Copy(RepoPaths.Of("dashboards/prometheus/alerts.yml"), Path.Combine(dir.FullName, "alerts.yml"));
        var binary = File.Exists("/usr/bin/prometheus") ? "/usr/bin/prometheus" : "prometheus";
        var process = ChildProcess.Start(binary,
        [
            $"--config.file={Path.Combine(dir.FullName, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(dir.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ], new Dictionary<string, string>());
        return new PrometheusServer(dir, process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until /-/ready answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(_process.HasExited, $"prometheus exited {(_process.HasExited ? _process.ExitCode : 0)}:\n{_process.Tail}");
            try
            {
                using var response = await _http.GetAsync("-/ready");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout, () => $"prometheus not ready:\n{_process.Tail}");
    }

    /// <summary>Evaluates <paramref name="promql"/> now.</summary>
    public Task<IReadOnlyList<PrometheusApi.Sample>> QueryAsync(string promql) => _api.QueryAsync(promql);

    /// <inheritdoc />
    /// <summary>One line per target: its variant, health, last scrape duration and last error (for failure messages).</summary>
    public async Task<string> DescribeTargetsAsync()
    {
        using var response = await _http.GetAsync("api/v1/targets");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return string.Join('\n', body["data"]!["activeTargets"]!.AsArray().Select(t =>
            $"{(string?)t!["labels"]!["variant"]}: {(string?)t["health"]}, last scrape {(double?)t["lastScrapeDuration"]:0.000} s, error '{(string?)t["lastError"]}'"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _api.Dispose();
        _process.Dispose();
        _dir.Delete(recursive: true);
    }
}
