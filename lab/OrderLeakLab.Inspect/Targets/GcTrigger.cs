using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// Induces a full blocking GC in any .NET process from outside: an EventPipe session that enables the runtime
/// provider with the GCHeapCollect keyword (0x800000) makes the runtime collect (what dotnet-gcdump relies on);
/// the GC keyword (0x1) lets us see the gen-2 GC end before we count.
/// </summary>
public static class GcTrigger
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Triggers a gen-2 GC in <paramref name="pid"/> and waits until it has finished (or the timeout passes).</summary>
    /// <returns>True when the end of a gen-2 GC was observed.</returns>
    public static async Task<bool> CollectAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await CollectAndMeasureAsync(pid, timeout, cancellationToken)).Collected;

    /// <summary>
    /// Triggers a gen-2 GC in <paramref name="pid"/> and returns what the runtime reported right after it (the
    /// <c>GCHeapStats</c> event that follows the GC): the bytes that survived it in every generation, large and pinned
    /// object heaps (what the heap still holds), and the heap's size (which also counts free space not given back).
    /// </summary>
    /// <returns>Whether the end of a gen-2 GC was observed, and the heap after it when its statistics arrived in time.</returns>
    public static async Task<(bool Collected, GcHeapAfter? Heap)> CollectAndMeasureAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var client = new DiagnosticsClient(pid);
        try
        {
            // The first session ever opened in a process can hold the GC's events until it stops (measured here: a console
            // target idle in ReadLine sent its GCStop 8 s later, at the stop; every later session sent it within 20 ms). So
            // the first session is stopped after a moment, which flushes them; if even that shows no end (a GC still
            // running on a busy machine), a second session triggers and waits normally for the rest of the time.
            return await CollectOnceAsync(client, FlushAfter, timeoutCts.Token) is { Collected: true } first
                ? first
                : await CollectOnceAsync(client, null, timeoutCts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null);
        }
    }

    /// <summary>How long the first session waits for the GC's end before it is stopped to flush the runtime's events.</summary>
    private static readonly TimeSpan FlushAfter = TimeSpan.FromSeconds(3);

    private static async Task<(bool Collected, GcHeapAfter? Heap)> CollectOnceAsync(DiagnosticsClient client, TimeSpan? stopAfter, CancellationToken cancellationToken)
    {
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, cancellationToken);
        var gen2Done = new TaskCompletionSource<GcHeapAfter?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var gen2Stopped = false;
            source.Clr.GCStop += e => gen2Stopped |= e.Depth == 2;
            // The runtime reports the heap's statistics once per GC, after its end: the first after the gen-2 end is ours.
            source.Clr.GCHeapStats += e =>
            {
                if (gen2Stopped)
                {
                    gen2Done.TrySetResult(new GcHeapAfter(e.TotalPromoted, e.TotalHeapSize));
                }
            };
            source.Process();
            if (gen2Stopped)
            {
                gen2Done.TrySetResult(null);
            }
            else
            {
                gen2Done.TrySetException(new EndOfStreamException("the session ended before a gen-2 GC"));
            }
        }, CancellationToken.None);

        var stopped = false;
        try
        {
            if (stopAfter is { } wait && await Task.WhenAny(gen2Done.Task, Task.Delay(wait, cancellationToken)) != gen2Done.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stopped = true;
                await session.StopAsync(cancellationToken);
            }

            return (true, await gen2Done.Task.WaitAsync(cancellationToken));
        }
        catch (EndOfStreamException)
        {
            return (false, null);
        }
        finally
        {
            await StopQuietlyAsync(session, processing, stopped);
        }
    }

    private static async Task StopQuietlyAsync(EventPipeSession session, Task processing, bool stopped)
    {
        try
        {
            if (!stopped)
            {
                await session.StopAsync(CancellationToken.None);
            }

            await processing.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or TimeoutException or IOException)
        {
            // The target went away or the stream ended early; the GC either happened or it did not.
        }
    }
}
