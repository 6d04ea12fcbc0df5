using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Checkout;

/// <summary>
/// PatternProbe runs one variant of a leak pattern the way every catalog test does: a fresh service, a heap baseline
/// after a forced full GC, orders, then a forced full GC again, reporting what is left per order above the baseline.
/// <see cref="StartPairAsync"/> starts the leaky and the fixed variant side by side, so a test judges both under the
/// same orders.
/// </summary>
internal sealed class PatternProbe(string variant, OrderServiceProcess service, GcResult baseline, ITestOutputHelper output) : IAsyncDisposable
{
    public OrderServiceProcess Service => service;

    public GcResult Baseline { get; private set; } = baseline;

    /// <summary>Starts both variants of <paramref name="leak"/> (work 1 s, deadline 200 ms unless <paramref name="settings"/> say otherwise).</summary>
    public static async Task<(PatternProbe Leaky, PatternProbe Fixed)> StartPairAsync(string leak, ITestOutputHelper output, params (string Name, string Value)[] settings)
    {
        var leaky = StartAsync(OrderServiceOptions.Pattern(leak, "leaky", settings), output);
        var @fixed = StartAsync(OrderServiceOptions.Pattern(leak, "fixed", settings), output);
        try
        {
            await Task.WhenAll(leaky, @fixed);
        }
        catch
        {
            foreach (var started in new[] { leaky, @fixed }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return (leaky.Result, @fixed.Result);
    }

    /// <summary>Starts one variant and measures its baseline without a single worker (invalid orders only).</summary>
    public static async Task<PatternProbe> StartAsync(OrderServiceOptions options, ITestOutputHelper output)
    {
        var service = await OrderServiceProcess.StartAsync(options);
        try
        {
            return new PatternProbe(options.Variant, service, await HeapBaseline.MeasureAsync(service, concurrency: 50), output);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts <paramref name="orders"/> orders and returns their status codes.</summary>
    public Task<int[]> OrderAsync(int orders, int concurrency = 50) => service.PostOrdersAsync(SampleOrders.Valid(), orders, concurrency);

    /// <summary>Waits for <paramref name="condition"/> on <c>/debug/workers</c>.</summary>
    public Task UntilWorkersAsync(Func<WorkersResult, bool> condition, string what) =>
        Eventually.UntilAsync(async () => condition(await service.GetWorkersAsync()), TimeSpan.FromSeconds(60), $"{variant}: {what}");

    /// <summary>
    /// Takes the baseline again after a first round of orders has paid the one-time costs (connection pools, a first
    /// loaded copy), so that what the next round leaves is what it leaks.
    /// </summary>
    public async Task RebaseAsync() => Baseline = await service.CollectGarbageAsync();

    /// <summary>Forces a full GC and logs the heap left per <paramref name="units"/> (orders, workers, …) above the baseline.</summary>
    public async Task<(GcResult After, double BytesPerUnit)> CollectAsync(int units, string unit)
    {
        var after = await service.CollectGarbageAsync();
        var perUnit = (after.HeapBytesAfter - Baseline.HeapBytesAfter) / (double)units;
        output.WriteLine($"{variant}: baseline {Baseline.HeapBytesAfter:N0} B, after a full GC {after.HeapBytesAfter:N0} B: {perUnit:N0} B per {unit}; " +
            $"workers in flight {after.WorkersInFlight}, timers {after.ActiveTimers} (baseline {Baseline.ActiveTimers}), thread-pool threads {after.ThreadPoolThreads} (baseline {Baseline.ThreadPoolThreads})");
        return (after, perUnit);
    }

    /// <summary>
    /// Whether what is left scales with orders: after a first batch has paid the one-off costs (pools, a pool thread or
    /// two, JIT data — more of them on a busy machine), posts <paramref name="orders"/> more, waits until
    /// <paramref name="settled"/> holds, and returns the heap each of them left after a full GC. A variant that leaks
    /// nothing leaves about 0 B here however busy the machine; a leak leaves what it left per order in the first batch.
    /// </summary>
    public async Task<(GcResult After, double BytesPerOrder, int[] Codes)> SecondBatchAsync(int orders, Func<WorkersResult, bool> settled, string what)
    {
        var before = await service.CollectGarbageAsync();
        var codes = await OrderAsync(orders);
        await UntilWorkersAsync(settled, what);
        var after = await service.CollectGarbageAsync();
        var perOrder = (after.HeapBytesAfter - before.HeapBytesAfter) / (double)orders;
        output.WriteLine($"{variant}: second batch of {orders} orders: {before.HeapBytesAfter:N0} B → {after.HeapBytesAfter:N0} B after a full GC: {perOrder:N0} B per order; " +
            $"timers {after.ActiveTimers}, thread-pool threads {after.ThreadPoolThreads}");
        return (after, perOrder, codes);
    }

    public ValueTask DisposeAsync() => service.DisposeAsync();
}
