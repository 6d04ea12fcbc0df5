using System.Globalization;
using System.Text.Json.Nodes;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>Instant queries against a Prometheus server's HTTP API.</summary>
internal sealed class PrometheusApi(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>One series of a query result: its labels and value.</summary>
    public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>Evaluates <paramref name="promql"/> now; throws when Prometheus rejects it.</summary>
    public async Task<IReadOnlyList<Sample>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if ((string?)body["status"] != "success")
        {
            throw new InvalidOperationException($"query failed: {promql}\n{body.ToJsonString()}");
        }

        return body["data"]!["result"]!.AsArray().Select(r => new Sample(
            r!["metric"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!),
            double.Parse((string)r["value"]![1]!, CultureInfo.InvariantCulture))).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
