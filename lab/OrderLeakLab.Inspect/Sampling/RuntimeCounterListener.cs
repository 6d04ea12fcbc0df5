using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace OrderLeakLab.Inspect.Sampling;

/// <summary>
/// Listens to another process's runtime counters over EventPipe: the <c>System.Runtime</c> EventCounters and
/// the <c>System.Runtime</c> meter through <c>System.Diagnostics.Metrics</c>, keeping the latest value of each.
/// </summary>
internal sealed class RuntimeCounterListener : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly EventPipeSession _session;
    private readonly Task _processing;

    private RuntimeCounterListener(EventPipeSession session)
    {
        _session = session;
        _processing = Task.Run(Process);
    }

    /// <summary>The latest value of a counter (<c>counter:gc-heap-size</c>) or meter instrument (<c>meter:dotnet.timer.count</c>), summed over tags.</summary>
    public double? this[string name] => _latest.TryGetValue(name, out var v) ? v : null;

    /// <summary>How long a target's runtime has to start the counter session before the start fails.</summary>
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static async Task<RuntimeCounterListener> StartAsync(int pid, TimeSpan interval, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Round(interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var providers = new[]
        {
            new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xFFFFFFFF,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = seconds }),
            new EventPipeProvider("System.Diagnostics.Metrics", EventLevel.Informational, 0x2 | 0x4,
                new Dictionary<string, string>
                {
                    ["SessionId"] = Guid.NewGuid().ToString(),
                    ["Metrics"] = "System.Runtime",
                    ["RefreshInterval"] = seconds,
                    ["MaxTimeSeries"] = "1000",
                    ["MaxHistograms"] = "10",
                }),
        };
        // The runtime answers on its diagnostics socket; one that never does (exiting, frozen) must not hang the caller.
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(StartTimeout);
        try
        {
            var session = await new DiagnosticsClient(pid).StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, answer.Token);
            return new RuntimeCounterListener(session);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InspectionException($"pid {pid}: the .NET runtime did not start a counter session within {StartTimeout.TotalSeconds:0} s (is it exiting or frozen?)");
        }
    }

    private void Process()
    {
        try
        {
            using var source = new EventPipeEventSource(_session.EventStream);
            var perTag = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer
                    && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> counter)
                {
                    var value = counter.TryGetValue("Mean", out var mean) && counter.TryGetValue("CounterType", out var type) && "Mean".Equals(type)
                        ? mean : counter.TryGetValue("Increment", out var inc) ? inc : null;
                    if (counter.TryGetValue("Name", out var name) && value is not null)
                    {
                        _latest[$"counter:{name}"] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    }
                }
                else if (e.EventName is "GaugeValuePublished" or "UpDownCounterRateValuePublished" or "CounterRateValuePublished"
                         && e.PayloadByName("instrumentName") is string instrument)
                {
                    var raw = e.EventName == "GaugeValuePublished" ? e.PayloadByName("lastValue") : e.PayloadByName("value") ?? e.PayloadByName("rate");
                    if (ToDouble(raw) is { } v)
                    {
                        var tags = e.PayloadByName("tags") as string ?? "";
                        var series = perTag.TryGetValue(instrument, out var s) ? s : perTag[instrument] = new(StringComparer.Ordinal);
                        series[tags] = v;
                        _latest[$"meter:{instrument}"] = series.Values.Sum();
                    }
                }
            };
            source.Process();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException)
        {
            // The target exited or the session was stopped.
        }
    }

    private static double? ToDouble(object? raw) => raw switch
    {
        string text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
        IConvertible number => number.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or EndOfStreamException or TimeoutException)
        {
            // Target gone: nothing to stop.
        }

        await _processing.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _session.Dispose();
    }
}
