// LeakTestApp: a third-party-style ASP.NET Core service the lab's tests start with `leaklab soak -- dotnet LeakTestApp.dll`.
// One URL per behaviour (see TestEndpoints) and a count of every request it received, for the request-mix tests.
using OrderLeakLab.LeakTestApp;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseRequestCounts();
app.MapTestEndpoints();
app.Run();
