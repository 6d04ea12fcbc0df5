using System.Net.Http.Headers;
using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Scenarios;

namespace OrderLeakLab.Scenarios;

/// <summary>
/// OrderScenario posts generated orders to one order service (<c>POST {target}/orders</c>, DESIGN §4):
/// 2xx is ok, any other status a failure by code, timeouts and connection errors counted apart.
/// <code>
/// var leaky = OrderScenario.Create("leaky", new Uri("http://127.0.0.1:5081"), new OrderScenarioOptions { Rate = 1000 });
/// var result = await new LoadRunner().RunAsync([leaky]);
/// </code>
/// </summary>
public static class OrderScenario
{
    /// <summary>
    /// Creates the scenario with its own HTTP client built by <see cref="LoadHttpClientFactory"/> from
    /// <see cref="OrderScenarioOptions.Http"/>, whose connections the result counts (<see cref="Load.Running.ScenarioResult.PeakConnections"/>);
    /// the client is disposed when the scenario finishes.
    /// </summary>
    public static Scenario Create(string name, Uri target, OrderScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var connections = new ConnectionGauge();
        var client = LoadHttpClientFactory.CreateClient(options.Http, connections);
        return Create(name, target, options, client).WithConnections(connections).WithCleanup(() =>
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Creates the scenario over <paramref name="client"/>, which the caller owns and disposes.</summary>
    public static Scenario Create(string name, Uri target, OrderScenarioOptions options, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        options.Validate();
        var endpoint = new Uri(target, options.Path);
        var bodies = OrderGenerator.Generate(options.Seed, options.OrderPoolSize);

        async ValueTask<StepResult> PostOrderAsync(ScenarioContext context, CancellationToken cancellationToken)
        {
            using var content = new ByteArrayContent(bodies[context.InvocationNumber % bodies.Length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            // Only the status matters; disposing drains the small body and returns the connection to the pool.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return StepResult.FromStatus((int)response.StatusCode);
        }

        return Scenario.Create(name, PostOrderAsync)
            .WithLoadSimulations([.. options.Timetable])
            .WithThresholds([.. options.Thresholds])
            .WithMaxInFlight(options.MaxInFlight);
    }
}
