using OrderLeakLab.Inspect.Sampling;

namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// PidSampleSource reads a .NET process that has no <c>/metrics</c> through the inspect library's
/// <see cref="PidSampler"/> (/proc for RSS and threads, EventPipe counters for the GC heap), for
/// <c>soak --pid NAME=PID</c>. There is no workers-in-flight figure from outside, so the verdict rests on
/// memory (and exits); the limit is unknown. The GC heap is the <c>gc-heap-size</c> counter, or the heap after the
/// last collection (meter <c>dotnet.gc.last_collection.heap.size</c>) when only that arrives (as measured on .NET 10).
/// Dispose it to end the EventPipe session.
/// </summary>
public sealed class PidSampleSource : ISampleSource, IAsyncDisposable
{
    private readonly PidSampler sampler;

    private PidSampleSource(int pid, PidSampler sampler) => (Pid, this.sampler) = (pid, sampler);

    /// <summary>The process read.</summary>
    public int Pid { get; }

    /// <inheritdoc />
    public string Description => $"pid {Pid} (/proc + EventPipe counters)";

    /// <summary>Attaches to <paramref name="pid"/>; throws <c>InspectionException</c> when it is not a reachable .NET process.</summary>
    public static async Task<PidSampleSource> StartAsync(int pid, TimeSpan interval, CancellationToken cancellationToken) =>
        new(pid, await PidSampler.StartAsync(pid, interval, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken)
    {
        var sample = sampler.SampleNow();
        return Task.FromResult(sample.Alive
            ? new MetricsReading(true, sample.RssBytes, null, null, sample.GcHeapBytes ?? sample.GcLastCollectionHeapBytes, sample.Threads)
            : MetricsReading.Down);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => sampler.DisposeAsync();
}
