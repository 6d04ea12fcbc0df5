using System.Net;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// ReadinessGate holds the run until every launched target answers its ready URL with anything but a 5xx (a 404
/// is an answer: the server is up). It gives up with a message naming who is not ready and why: after the timeout,
/// or as soon as a target exited <see cref="MaxExitsBeforeReady"/> times without ever being ready (a bad command
/// crash-loops; there is no point waiting out the timeout).
/// </summary>
public sealed class ReadinessGate(HttpClient http, TimeProvider time)
{
    /// <summary>Exits before the first ready answer that end the wait.</summary>
    public const int MaxExitsBeforeReady = 3;

    /// <summary>How often each pending target is probed.</summary>
    public static TimeSpan ProbePeriod { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits for every launched target in <paramref name="targets"/>; returns at once when there is none.</summary>
    /// <exception cref="TimeoutException">A target was not ready in time, or kept exiting before it was.</exception>
    public async Task WaitAsync(IReadOnlyList<RunTarget> targets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var pending = targets.Where(t => t.Plan.Launch is not null).ToList();
        while (pending.Count > 0)
        {
            foreach (var target in pending.ToList())
            {
                if (await AnswersAsync(target.Plan.Launch!.ReadyUrl, cancellationToken))
                {
                    pending.Remove(target);
                }
                else if (target.Exits.Count >= MaxExitsBeforeReady)
                {
                    var last = target.Exits[^1];
                    throw new TimeoutException($"{target.Name} exited {target.Exits.Count} times before it answered GET {target.Plan.Launch.ReadyUrl.AbsolutePath} (last: {last.Reason}, {last.Detail})");
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (time.GetElapsedTime(start) >= timeout)
            {
                throw new TimeoutException($"not ready after {timeout.TotalSeconds:0}s: {string.Join(", ", pending.Select(t => $"{t.Name} (GET {t.Plan.Launch!.ReadyUrl})"))}");
            }

            await Task.Delay(ProbePeriod, time, cancellationToken);
        }
    }

    private async Task<bool> AnswersAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode < (int)HttpStatusCode.InternalServerError;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false; // still starting
        }
    }
}
