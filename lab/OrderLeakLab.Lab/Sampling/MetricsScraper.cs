namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// MetricsScraper reads a target's Prometheus <c>/metrics</c> page over HTTP. A refused connection, a timeout,
/// a non-2xx status or unparsable text all read as <see cref="MetricsReading.Down"/>: a target that is down
/// (restarting, OOM-killed) is a fact to record, not an error.
/// </summary>
/// <example><code>
/// using var http = new HttpClient();
/// var scraper = new MetricsScraper(http, new Uri("http://127.0.0.1:5001/metrics"));
/// var reading = await scraper.ReadAsync(ct); // reading.Up, reading.RssBytes, reading.WorkersInflight …
/// </code></example>
public sealed class MetricsScraper : ISampleSource
{
    private readonly HttpClient http;
    private readonly MetricsScraperOptions options;

    /// <summary>Creates a scraper; <paramref name="http"/> is shared and not disposed here.</summary>
    public MetricsScraper(HttpClient http, Uri metricsUri, MetricsScraperOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(metricsUri);
        this.http = http;
        MetricsUri = metricsUri;
        this.options = options ?? new MetricsScraperOptions();
        this.options.Validate();
    }

    /// <summary>The URL scraped.</summary>
    public Uri MetricsUri { get; }

    /// <summary>The last reason a scrape read as down (for logs), or null after a good scrape.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public string Description => MetricsUri.ToString();

    /// <inheritdoc />
    public async Task<MetricsReading> ReadAsync(CancellationToken cancellationToken)
    {
        var scrape = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        return scrape is null ? MetricsReading.Down : MetricsReading.FromScrape(scrape);
    }

    /// <summary>Scrapes and parses the whole page; null when the target is down.</summary>
    public async Task<PrometheusScrape?> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.GetAsync(MetricsUri, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LastError = $"HTTP {(int)response.StatusCode}";
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var scrape = PrometheusTextParser.Parse(text);
            LastError = null;
            return scrape;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LastError = $"timed out after {options.Timeout.TotalMilliseconds:0} ms";
        }
        catch (HttpRequestException exception)
        {
            LastError = exception.Message;
        }
        catch (PrometheusFormatException exception)
        {
            LastError = "unparsable metrics: " + exception.Message;
        }

        return null;
    }
}
