using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// The engine's event stream for some containers, kept while the test runs. OOM-kills are counted from here
/// (an <c>oom</c> event, then <c>die</c> with exit 137): <c>restart: always</c> resets <c>State.OOMKilled</c> to
/// false on the restart, so a later <c>docker inspect</c> cannot see them.
/// </summary>
internal sealed class DockerEvents : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<Event> _events = new();
    private readonly Task _reader;

    /// <summary>One event: when, what, which container, and the exit code for <c>die</c>.</summary>
    public sealed record Event(DateTimeOffset Time, string Action, string Container, int? ExitCode);

    private DockerEvents(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Starts listening to oom, die, start and restart events of containers whose name starts with <paramref name="namePrefix"/>.</summary>
    public static DockerEvents Start(string namePrefix)
    {
        var info = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "events", "--filter", "type=container", "--filter", "event=oom", "--filter", "event=die", "--filter", "event=start",
            "--format", "{{.TimeNano}} {{.Action}} {{.Actor.Attributes.name}} {{index .Actor.Attributes \"exitCode\"}}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var events = new DockerEvents(Process.Start(info) ?? throw new InvalidOperationException("could not start docker events"));
        events.Prefix = namePrefix;
        return events;
    }

    private string Prefix { get; set; } = "";

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<Event> All => _events.Where(e => e.Container.StartsWith(Prefix, StringComparison.Ordinal)).ToList();

    /// <summary>The kernel OOM-kills of <paramref name="container"/>: each <c>die</c> with exit 137 that follows an <c>oom</c>.</summary>
    public IReadOnlyList<DateTimeOffset> OomKills(string container)
    {
        var kills = new List<DateTimeOffset>();
        var oomSeen = false;
        foreach (var e in All.Where(e => e.Container == container))
        {
            if (e.Action == "oom")
            {
                oomSeen = true;
            }
            else if (e.Action == "die")
            {
                if (oomSeen && e.ExitCode == 137)
                {
                    kills.Add(e.Time);
                }

                oomSeen = false;
            }
        }

        return kills;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _reader.Wait(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length >= 3 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var nanos))
            {
                var exit = parts.Length > 3 && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
                _events.Enqueue(new Event(DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000), parts[1], parts[2], exit));
            }
        }
    }
}
