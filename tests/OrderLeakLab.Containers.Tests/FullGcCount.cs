using System.Globalization;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// FullGcCount reads how many full (gen2) collections an order service has run, from its own <c>/metrics</c>
/// (<c>dotnet_collection_count_total{generation="2"}</c>). A .NET heap settles only after its first full GC: before
/// it, what survived the young generations (every order in flight for 300–800 ms) piles up in gen2, so a flat
/// service's working set first climbs and then drops. Judging "flat" starts after that first full GC.
/// </summary>
internal static class FullGcCount
{
    /// <summary>The count, or null when the service did not answer.</summary>
    public static async Task<long?> ReadAsync(HttpClient http, Uri service)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(service, "metrics"));
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_collection_count_total{generation=\"2\"}", StringComparison.Ordinal)
                    && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return (long)value;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }

        return null;
    }
}
