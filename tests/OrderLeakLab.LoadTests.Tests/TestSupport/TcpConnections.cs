using System.Globalization;

namespace OrderLeakLab.LoadTests.Tests.TestSupport;

/// <summary>Counts client-side TCP sockets to a local port that are connecting or connected, from /proc/net/tcp{,6}.</summary>
internal static class TcpConnections
{
    public static int CountTo(int port)
    {
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var remotePort = int.Parse(fields[2].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                // 01 ESTABLISHED, 02 SYN_SENT: sockets that hold a connection slot.
                if (remotePort == port && fields[3] is "01" or "02")
                {
                    count++;
                }
            }
        }

        return count;
    }
}
