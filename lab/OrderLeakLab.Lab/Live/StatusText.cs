using System.Globalization;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Live;

/// <summary>StatusText formats the figures both views show, so the live view and the CI log say the same.</summary>
public static class StatusText
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Bytes as MiB, e.g. <c>212Mi</c>; "–" when unknown.</summary>
    public static string Mi(long? bytes) => ByteFormat.Mi(bytes);

    /// <summary>"running pid 123", "CrashLoopBackOff 3s", "stopped".</summary>
    public static string State(RunTarget v, TimeSpan now) => v.Supervisor?.State switch
    {
        null => "attached",
        SupervisorState.Running => $"running pid {v.Supervisor!.Pid}",
        SupervisorState.BackingOff => $"CrashLoopBackOff {Math.Max(0, ((v.Supervisor!.NextStartAt ?? now) - now).TotalSeconds):0}s",
        SupervisorState.Stopped => "stopped",
        _ => "pending",
    };

    /// <summary>"2 (last: OomKilled at 81s)" or "0".</summary>
    public static string Restarts(RunTarget v)
    {
        var last = v.Exits.LastOrDefault(e => e.Reason != Model.ExitReason.Stopped);
        return last is null ? $"{v.Restarts}" : $"{v.Restarts} (last: {last.Reason} at {last.Elapsed.TotalSeconds:0}s)";
    }

    /// <summary>Memory against the limit: <c>ws 200Mi/256Mi (rss 250Mi)</c> with a cgroup, <c>rss 212Mi/256Mi</c> without.</summary>
    public static string Memory(Model.TargetSample? x, long limitBytes) => x?.WorkingSetBytes is { } ws
        ? $"ws {Mi(ws)}/{Mi(limitBytes)} (rss {Mi(x.RssBytes)})"
        : $"rss {Mi(x?.RssBytes)}/{Mi(limitBytes)}";

    /// <summary>A sparkline of the last <paramref name="width"/> memory samples (working set, else RSS) scaled to the limit; gaps as spaces.</summary>
    public static string Sparkline(RunTarget v, long limitBytes, int width = 40)
    {
        var samples = v.Samples;
        var tail = samples.Skip(Math.Max(0, samples.Count - width));
        return string.Concat(tail.Select(s => s.MemoryBytes is { } rss
            ? Blocks[Math.Clamp((int)(rss * (double)Blocks.Length / Math.Max(1, limitBytes * 1.2)), 0, Blocks.Length - 1)]
            : ' '));
    }

    /// <summary>One plain line per variant for logs.</summary>
    public static string PlainLine(DemoSnapshot s, RunTarget v)
    {
        var x = v.Latest;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{s.Elapsed.TotalSeconds,4:0}s {s.Phase}] {v.Name,-6} {State(v, s.Elapsed)} {Memory(x, s.LimitBytes)} "
            + $"workers {x?.WorkersInflight?.ToString(CultureInfo.InvariantCulture) ?? "–"} restarts {Restarts(v)} "
            + $"{x?.SentPerSecond ?? 0:0} req/s ok {x?.Ok ?? 0} timeout {x?.TimedOut ?? 0} error {x?.Errors ?? 0} p99 {(x?.P99Ms is { } p ? $"{p:0}ms" : "–")}");
    }
}
