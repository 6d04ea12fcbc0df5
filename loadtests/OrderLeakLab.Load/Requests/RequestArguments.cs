using System.Globalization;
using System.Text;

namespace OrderLeakLab.Load.Requests;

/// <summary>
/// RequestArguments turns the request options of a command line into requests, in the order they were given:
/// <c>--request "[W:]METHOD PATH"</c> starts a request, <c>--header "Name: value"</c> and <c>--body @file|TEXT</c>
/// apply to the request given before them, <c>--targets FILE</c> adds every target of a Vegeta targets file.
/// Every mistake is a <see cref="FormatException"/> with one line that names the option and what to change.
/// <code>
/// var requests = RequestArguments.Parse(RequestArguments.Pairs(args), Environment.CurrentDirectory);
/// </code>
/// </summary>
public static class RequestArguments
{
    /// <summary>The largest weight of one request.</summary>
    public const int MaxWeight = 1000;

    /// <summary>The options this parser reads, in their command-line spelling.</summary>
    public static IReadOnlyList<string> OptionNames { get; } = ["--request", "--header", "--body", "--targets"];

    /// <summary>The methods a request may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>
    /// Picks the request options and their values out of a command line's tokens, keeping their order (up to a
    /// <c>--</c>, after which a command begins). Understands <c>--option value</c> and <c>--option=value</c>.
    /// </summary>
    public static IReadOnlyList<(string Option, string Value)> Pairs(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var pairs = new List<(string, string)>();
        string? pending = null;
        foreach (var token in tokens)
        {
            if (pending is not null)
            {
                pairs.Add((pending, token));
                pending = null;
            }
            else if (token == "--")
            {
                break;
            }
            else if (OptionNames.FirstOrDefault(o => token == o) is { } option)
            {
                pending = option;
            }
            else if (OptionNames.FirstOrDefault(o => token.StartsWith(o + "=", StringComparison.Ordinal)) is { } joined)
            {
                pairs.Add((joined, token[(joined.Length + 1)..]));
            }
        }

        return pending is null ? pairs : throw new FormatException($"{pending} needs a value");
    }

    /// <summary>
    /// Builds the requests from <paramref name="pairs"/>; an empty list means no request option was given (the
    /// caller's default scenario). Relative body and targets paths are read from <paramref name="directory"/>.
    /// </summary>
    public static IReadOnlyList<RequestTemplate> Parse(IEnumerable<(string Option, string Value)> pairs, string directory)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var requests = new List<RequestTemplate>();
        var hasBody = false;
        foreach (var (option, value) in pairs)
        {
            switch (option)
            {
                case "--request":
                    requests.Add(ParseRequest(value));
                    hasBody = false;
                    break;
                case "--header":
                    var last = Last(requests, option, value);
                    requests[^1] = last with { Headers = [.. last.Headers, ParseHeader(value, "--header")] };
                    break;
                case "--body":
                    var target = Last(requests, option, value);
                    if (hasBody)
                    {
                        throw new FormatException($"--body '{value}': '{target.Method} {target.PathAndQuery}' has a body already; give one --body per --request");
                    }

                    requests[^1] = WithBody(target, value, directory);
                    hasBody = true;
                    break;
                case "--targets":
                    requests.AddRange(VegetaTargets.Read(Path.Combine(directory, value)).Select(t => t.Request));
                    hasBody = true; // a --body after a targets file has no request of its own to go to
                    break;
                default:
                    throw new FormatException($"{option} is not a request option");
            }
        }

        return requests;
    }

    /// <summary>Parses <c>[W:]METHOD PATH</c>, e.g. <c>3:GET /api/items</c>.</summary>
    public static RequestTemplate ParseRequest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"--request '{text}' must look like \"GET /path\" or, weighted, \"3:GET /path\"");
        }

        var (method, weight) = (parts[0], 1);
        var colon = method.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!int.TryParse(method[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight is < 1 or > MaxWeight)
            {
                throw new FormatException($"--request '{text}': the weight before ':' must be a whole number from 1 to {MaxWeight}");
            }

            method = method[(colon + 1)..];
        }

        return new RequestTemplate(weight, ParseMethod(method, $"--request '{text}'"), ParsePath(parts[1], $"--request '{text}'"));
    }

    /// <summary>Parses an HTTP method name (case-insensitive); throws naming <paramref name="where"/> for any other word.</summary>
    public static HttpMethod ParseMethod(string method, string where) =>
        Methods.FirstOrDefault(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) is { } known
            ? new HttpMethod(known)
            : throw new FormatException($"{where}: unknown method '{method}'; use one of {string.Join(", ", Methods)}");

    /// <summary>Parses <c>Name: value</c>.</summary>
    public static KeyValuePair<string, string> ParseHeader(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? text[..colon].Trim() : "";
        if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
        {
            throw new FormatException($"{where} '{text}' must look like \"Name: value\"");
        }

        return new(name, text[(colon + 1)..].Trim());
    }

    private static string ParsePath(string path, string where) =>
        path.StartsWith('/') ? path : throw new FormatException($"{where}: the path '{path}' must start with '/' (it is relative to each target's URL)");

    private static RequestTemplate Last(List<RequestTemplate> requests, string option, string value) =>
        requests.Count > 0 ? requests[^1] : throw new FormatException($"{option} '{value}' must follow the --request it belongs to");

    private static RequestTemplate WithBody(RequestTemplate request, string value, string directory)
    {
        if (value.StartsWith('@'))
        {
            var path = Path.Combine(directory, value[1..]);
            if (!File.Exists(path))
            {
                throw new FormatException($"--body {value}: the file '{path}' does not exist");
            }

            return request with { Body = File.ReadAllBytes(path), BodyMediaType = MediaTypeOf(path, null) };
        }

        return request with { Body = Encoding.UTF8.GetBytes(value), BodyMediaType = MediaTypeOf(null, value) };
    }

    /// <summary>JSON for a <c>.json</c> file or text that starts like JSON; otherwise plain bytes.</summary>
    internal static string MediaTypeOf(string? path, string? text) =>
        path?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true || text?.TrimStart() is ['{', ..] or ['[', ..]
            ? "application/json"
            : text is null ? "application/octet-stream" : "text/plain; charset=utf-8";
}
