namespace OrderLeakLab.Scenarios.Cli;

/// <summary>TargetSpec is one <c>--target NAME=URL</c>: the scenario name and the service's base URL.</summary>
/// <param name="Name">Scenario name, e.g. "leaky".</param>
/// <param name="Url">Base URL, e.g. http://127.0.0.1:5081.</param>
public sealed record TargetSpec(string Name, Uri Url)
{
    /// <summary>Parses <c>NAME=URL</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out TargetSpec? target, out string? error)
    {
        target = null;
        error = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            error = $"--target '{text}' must look like NAME=URL, e.g. leaky=http://127.0.0.1:5081.";
            return false;
        }

        var name = text[..equals].Trim();
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = $"--target name '{name}' may only hold letters, digits, '-', '_' and '.'.";
            return false;
        }

        var url = text[(equals + 1)..].Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"--target {name}: '{url}' is not an absolute http:// or https:// URL.";
            return false;
        }

        target = new TargetSpec(name, uri);
        return true;
    }
}
