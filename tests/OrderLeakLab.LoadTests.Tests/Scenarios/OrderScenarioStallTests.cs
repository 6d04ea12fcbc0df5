using Xunit.Abstractions;
using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Stats;
using OrderLeakLab.Scenarios;

namespace OrderLeakLab.LoadTests.Tests.Scenarios;

public class OrderScenarioStallTests(ITestOutputHelper output)
{
    private const int Rate = 200;
    private const int ConnectionCap = 32;

    [Fact]
    public async Task Run_ServiceStalledThenKilled_KeepsScheduleCountsFailuresCapsConnectionsEndsOnTime()
    {
        await using var service = await OrderServiceProcess.StartAsync(new()
        {
            Variant = "fixed",
            Environment = new Dictionary<string, string?>
            {
                ["Orders__WorkMin"] = "00:00:00.005",
                ["Orders__WorkMax"] = "00:00:00.010",
            },
        });
        await WarmUpAsync(service.BaseAddress);
        var duration = TimeSpan.FromSeconds(10);
        var drain = TimeSpan.FromSeconds(1);
        var scenario = OrderScenario.Create("fixed", service.BaseAddress, new OrderScenarioOptions
        {
            Rate = Rate,
            Duration = duration,
            Http = new LoadHttpOptions { MaxConnectionsPerServer = ConnectionCap, RequestTimeout = TimeSpan.FromSeconds(1) },
        });
        await using var run = new LoadRunner(new LoadRunOptions { DrainTimeout = drain }).Start([scenario]);
        var live = new List<IntervalStats>();
        int? stalledAt = null, killedAt = null;
        await foreach (var stats in run.Intervals.ReadAllAsync())
        {
            live.Add(stats);
            // Stalled once it has answered (on a starved machine the first seconds may not bring 200 answers), then
            // killed five seconds later, leaving at least a second of refused connections before the end.
            if (stalledAt is null && stats.Total.Ok >= Rate / 2)
            {
                Stall(service.ProcessId); // accepted by the kernel, never answered
                stalledAt = stats.Index;
            }
            else if (stalledAt is { } stalled && killedAt is null && stats.Index >= Math.Min(stalled + 5, 8))
            {
                service.Kill(); // SIGKILL: refused
                killedAt = stats.Index;
            }
        }

        var result = await run.Completion;
        output.WriteLine(Load.Reports.ConsoleReport.FormatSummary(result));

        var total = result["fixed"].Total;
        Assert.All(result["fixed"].Intervals.Where(i => !i.IsFinal), i => Assert.Equal(Rate, i.Interval.Sent));
        Assert.Equal(Rate * 10, total.Sent);
        Assert.Equal(0, total.Dropped);
        var story = string.Join('\n', live.Select(i => Load.Reports.ConsoleReport.FormatInterval(i)));
        Assert.True(stalledAt is not null && killedAt is not null, $"the service answered {Rate / 2} orders, then was stalled and killed:\n{story}");
        Assert.True(total.Timeouts >= Rate, $"the stall shows as timeouts:\n{story}");
        Assert.True(total.ConnectionErrors >= Rate, $"the kill shows as connection errors:\n{story}");
        // The engine's own count of the connections it held open (the figure the load summary prints), not the
        // kernel's socket table, where a timed-out connection to a stalled peer stays ESTABLISHED after the client let
        // it go. The cap is exact: a new connection waits for the closing one's socket. Without the cap a stall at
        // 200 req/s and a 1 s timeout needs ~200.
        Assert.InRange(result["fixed"].PeakConnections ?? 0, 1, ConnectionCap);
        Assert.Contains($"peak connections {result["fixed"].PeakConnections}", Load.Reports.ConsoleReport.FormatSummary(result), StringComparison.Ordinal);
        // Timeouts bound what is in flight to about rate × timeout (200); 3 × rate leaves room for a loaded
        // machine, while a generator that queued every arrival since the stall began would hold 1000 by the kill.
        Assert.True(result["fixed"].PeakInFlight <= 3 * Rate, $"in flight stays near rate × timeout, peak {result["fixed"].PeakInFlight}:\n{story}");
        // Generous: a shared machine may be slow, but the run must end near duration + drain, not hang.
        Assert.True(result.Duration < duration + drain + TimeSpan.FromSeconds(20), $"run took {result.Duration}");
    }

    /// <summary>Freezes the process (SIGSTOP): the kernel still accepts connections, nothing answers.</summary>
    private static void Stall(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // A cold service JIT-compiles its first requests; the test is about stalls, not start-up.
    private static async Task WarmUpAsync(Uri service)
    {
        using var client = LoadHttpClientFactory.CreateClient();
        var warm = OrderScenario.Create("warm-up", service, new OrderScenarioOptions { Rate = 100, Duration = TimeSpan.FromSeconds(1) }, client);
        await new LoadRunner().RunAsync([warm]);
    }
}
