using System.Net.Http.Headers;
using System.Text;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>
/// A small open-model driver for the test: POST /orders on a timetable (not waiting for responses), capped in
/// flight, with a 5 s timeout, so a dead or stalled target costs dropped requests rather than a pile of sockets.
/// </summary>
internal sealed class OpenLoopLoad : IAsyncDisposable
{
    private const int MaxInFlight = 800;

    private static readonly string Body = "{\"customerId\":\"c-42\",\"items\":[" + string.Join(',', Enumerable.Range(1, 20)
        .Select(i => $"{{\"sku\":\"SKU-{i:D5}\",\"quantity\":{i % 5 + 1},\"unitPrice\":{i}.99}}")) + "]}";

    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, int> _everyNth = new();
    private int _inFlight;
    private long _sent;
    private long _answered;

    /// <summary>Starts sending <paramref name="ratePerTarget"/> requests per second to each of <paramref name="targets"/>.</summary>
    public OpenLoopLoad(IReadOnlyList<Uri> targets, int ratePerTarget)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = TimeSpan.FromSeconds(5) };
        _loop = Task.Run(() => RunAsync(targets, ratePerTarget, _stop.Token));
    }

    /// <summary>Requests that got any HTTP answer.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>From now on sends <paramref name="target"/> about <paramref name="rate"/> requests per second instead of the full rate.</summary>
    public void Throttle(Uri target, int rate, int ratePerTarget) => _everyNth[target] = Math.Max(1, ratePerTarget / Math.Max(1, rate));

    /// <summary>Requests sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _client.CancelPendingRequests();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(IReadOnlyList<Uri> targets, int ratePerTarget, CancellationToken stop)
    {
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        long due = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // Arrivals follow the clock: after a stall, the missed ones are sent at once (no coordinated omission).
                var target = (long)(clock.GetElapsedTime(start).TotalSeconds * ratePerTarget);
                for (; due < target; due++)
                {
                    foreach (var uri in targets)
                    {
                        if (Volatile.Read(ref _inFlight) < MaxInFlight && due % _everyNth.GetValueOrDefault(uri, 1) == 0)
                        {
                            _ = SendAsync(uri, stop);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(Uri uri, CancellationToken stop)
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _sent);
        try
        {
            using var content = new StringContent(Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await _client.PostAsync(uri, content, stop);
            Interlocked.Increment(ref _answered);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A dying target refuses or times out: that is what the test is about, not a failure of the driver.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
