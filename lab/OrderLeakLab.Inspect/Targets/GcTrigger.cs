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
    public static async Task<bool> CollectAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(pid);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, cancellationToken);
        var gen2Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCStop += e =>
            {
                if (e.Depth == 2)
                {
                    gen2Done.TrySetResult();
                }
            };
            source.Process();
        }, CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var seen = false;
        try
        {
            await gen2Done.Task.WaitAsync(timeoutCts.Token);
            seen = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopQuietlyAsync(session, processing);
        }

        return seen;
    }

    private static async Task StopQuietlyAsync(EventPipeSession session, Task processing)
    {
        try
        {
            await session.StopAsync(CancellationToken.None);
            await processing.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or TimeoutException or IOException)
        {
            // The target went away or the stream ended early; the GC either happened or it did not.
        }
    }
}
