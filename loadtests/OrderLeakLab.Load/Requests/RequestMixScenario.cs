using System.Net.Http.Headers;
using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;

namespace OrderLeakLab.Load.Requests;

/// <summary>
/// RequestMixScenario sends a <see cref="RequestMix"/> to one target: each arrival sends the request
/// <see cref="RequestMix.Pick"/> names for its arrival number, with the mix's headers and body; 2xx is ok, any other
/// status a failure by code, timeouts and connection errors counted apart (as the order scenario does).
/// <code>
/// var scenario = RequestMixScenario.Create("app", new Uri("http://127.0.0.1:5000/"), mix, [LoadSimulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))]);
/// </code>
/// </summary>
public static class RequestMixScenario
{
    /// <summary>Creates the scenario with its own HTTP client from <paramref name="http"/>; the client is disposed when the scenario finishes.</summary>
    public static Scenario Create(string name, Uri target, RequestMix mix, IReadOnlyList<LoadSimulation> timetable, LoadHttpOptions? http = null)
    {
        var connections = new ConnectionGauge();
        var client = LoadHttpClientFactory.CreateClient(http, connections);
        return Create(name, target, mix, timetable, client).WithConnections(connections).WithCleanup(() =>
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Creates the scenario over <paramref name="client"/>, which the caller owns and disposes.</summary>
    public static Scenario Create(string name, Uri target, RequestMix mix, IReadOnlyList<LoadSimulation> timetable, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(client);
        var urls = mix.Requests.Select(r => new Uri(target, r.PathAndQuery)).ToArray();

        async ValueTask<StepResult> SendAsync(ScenarioContext context, CancellationToken cancellationToken)
        {
            var index = mix.PickIndex(context.InvocationNumber);
            using var request = Build(mix.Requests[index], urls[index]);
            // Only the status matters; disposing drains the body and returns the connection to the pool.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return StepResult.FromStatus((int)response.StatusCode);
        }

        return Scenario.Create(name, SendAsync).WithLoadSimulations([.. timetable]);
    }

    /// <summary>Builds the request <paramref name="template"/> describes, sent to <paramref name="url"/>.</summary>
    public static HttpRequestMessage Build(RequestTemplate template, Uri url)
    {
        ArgumentNullException.ThrowIfNull(template);
        var request = new HttpRequestMessage(template.Method, url);
        if (template.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (template.BodyMediaType is { } mediaType)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            }
        }

        foreach (var (name, value) in template.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
