using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Apis;
using OrderLeakLab.OrderService.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddOrderServices();

var app = builder.Build();

try
{
    app.UseOrderMetrics();
    app.MapHealthApi();
    app.MapMetricsApi();
    app.MapOrdersApi();
    app.MapDebugApi();

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A misconfigured variant must stop the process with a sentence a person can act on, not a stack trace.
    Console.Error.WriteLine($"OrderService refuses to start: {string.Join(" ", ex.Failures)}");
    return 2;
}
