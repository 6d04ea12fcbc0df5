using System.Net.Http.Json;
using System.Text;

namespace OrderLeakLab.Testing;

/// <summary>OrderServiceApi is what tests ask a running <see cref="OrderServiceProcess"/>: metrics, the admin endpoints, batches of orders.</summary>
public static class OrderServiceApi
{
    /// <summary><c>GET /metrics</c>.</summary>
    public static async Task<PrometheusText> GetMetricsAsync(this OrderServiceProcess service) => new(await service.Client.GetStringAsync("metrics"));

    /// <summary><c>POST /debug/gc</c>: a full compacting collection, with heap sizes before and after.</summary>
    public static async Task<GcResult> CollectGarbageAsync(this OrderServiceProcess service)
    {
        using var response = await service.Admin.PostAsync("debug/gc", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GcResult>())!;
    }

    /// <summary><c>GET /debug/workers?format=json</c>.</summary>
    public static async Task<WorkersResult> GetWorkersAsync(this OrderServiceProcess service) =>
        (await service.Admin.GetFromJsonAsync<WorkersResult>("debug/workers?format=json"))!;

    /// <summary>Posts <paramref name="count"/> copies of <paramref name="body"/> with <paramref name="concurrency"/> in flight; returns the status codes.</summary>
    public static async Task<int[]> PostOrdersAsync(this OrderServiceProcess service, string body, int count, int concurrency = 50)
    {
        var codes = new int[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await service.Client.PostAsync("orders", content, ct);
            codes[i] = (int)response.StatusCode;
        });
        return codes;
    }
}
