using System.Net;

namespace OrderLeakLab.Load.Http;

/// <summary>
/// TargetGuard keeps load on this machine: a target is allowed when its host is an IP loopback address or a
/// name that resolves only to loopback addresses (<c>localhost</c> always), unless remote targets are allowed.
/// </summary>
public static class TargetGuard
{
    /// <summary>
    /// Returns null when <paramref name="target"/> may receive load, otherwise a message saying why not.
    /// Host names are resolved; a name that resolves to any non-loopback address is refused.
    /// </summary>
    public static async Task<string?> CheckAsync(Uri target, bool allowRemote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || target.Scheme is not ("http" or "https"))
        {
            return $"'{target}' is not an absolute http:// or https:// URL.";
        }

        if (allowRemote || target.IsLoopback)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.DnsSafeHost, out var ip)
                ? [ip]
                : await Dns.GetHostAddressesAsync(target.DnsSafeHost, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException exception)
        {
            return $"cannot resolve '{target.DnsSafeHost}' ({exception.Message}).";
        }

        var remote = addresses.Where(a => !IPAddress.IsLoopback(a)).ToList();
        return addresses.Length > 0 && remote.Count == 0
            ? null
            : $"refusing to send load to {target.Host} ({string.Join(", ", remote)}): not a loopback address. " +
              "An open-model generator keeps sending at full rate whatever the target does, which against a " +
              "machine you do not own is a denial-of-service attack, so load only goes to 127.0.0.1/::1. " +
              "Pass --allow-remote if you own the target and mean it.";
    }
}
