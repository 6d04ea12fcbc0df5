using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// ProcessMetrics publishes the process and GC gauges under prometheus-net's names (meter
/// <c>OrderLeakLab.Process</c>), so community .NET dashboards work unchanged.
/// </summary>
public sealed class ProcessMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrderLeakLab.Process";

    /// <summary>Creates the observable instruments; they read the process on every scrape.</summary>
    public ProcessMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        var startTime = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000d;
        meter.CreateObservableGauge("process_working_set_bytes", () => Read(p => p.WorkingSet64), description: "Process working set (RSS).");
        meter.CreateObservableGauge("process_private_memory_bytes", () => Read(p => p.PrivateMemorySize64), description: "Process private memory size.");
        meter.CreateObservableGauge("process_virtual_memory_bytes", () => Read(p => p.VirtualMemorySize64), description: "Virtual memory size.");
        meter.CreateObservableCounter("process_cpu_seconds", () => Read(p => p.TotalProcessorTime.TotalSeconds), description: "Total user and system CPU time spent in seconds.");
        meter.CreateObservableGauge("process_num_threads", () => Read(p => p.Threads.Count), description: "Total number of threads.");
        meter.CreateObservableGauge("process_open_handles", () => Read(p => p.HandleCount), description: "Number of open handles.");
        meter.CreateObservableGauge("process_start_time_seconds", () => startTime, description: "Start time of the process since unix epoch in seconds.");
        meter.CreateObservableGauge("dotnet_total_memory_bytes", () => GC.GetTotalMemory(false), description: "Total known allocated memory.");
        meter.CreateObservableCounter("dotnet_collection_count", CollectionCounts, description: "GC collection count by generation.");
    }

    private static T Read<T>(Func<Process, T> read)
    {
        using var process = Process.GetCurrentProcess();
        return read(process);
    }

    private static IEnumerable<Measurement<long>> CollectionCounts()
    {
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            yield return new Measurement<long>(GC.CollectionCount(generation), new KeyValuePair<string, object?>("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
