using System.Globalization;

namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// ListeningProcess finds the process that serves a loopback URL on this machine: the TCP socket listening on the URL's
/// port (<c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>, state LISTEN) and the process holding it
/// (<c>/proc/PID/fd/*</c> → <c>socket:[INODE]</c>). It lets a target given only by its URL get the same heap evidence
/// as one given by <c>--pid</c>. A port published by a container is held by the container runtime's proxy (or by no
/// process at all) here, so a container is never mistaken for its host-side listener's process.
/// </summary>
public static class ListeningProcess
{
    private const string Listen = "0A";

    /// <summary>The pid listening on <paramref name="url"/>'s port, or null when none is found (or the URL is not loopback).</summary>
    public static int? Find(Uri url)
    {
        if (!OperatingSystem.IsLinux() || !url.IsLoopback || url.Port <= 0)
        {
            return null;
        }

        var inodes = ListeningInodes(url.Port);
        return inodes.Count == 0 ? null : FindOwner(inodes);
    }

    /// <summary>The inodes of the sockets listening on <paramref name="port"/> (any local address), IPv4 and IPv6.</summary>
    private static HashSet<string> ListeningInodes(int port)
    {
        var wanted = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...", addresses as HEX:PORT.
            foreach (var fields in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length > 9))
            {
                var local = fields[1];
                if (fields[3] == Listen && local[(local.LastIndexOf(':') + 1)..] == wanted && fields[9] != "0")
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }

    private static int? FindOwner(HashSet<string> inodes)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget; // "socket:[12345]"
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to look into.
            }
        }

        return null;
    }
}
