namespace OrderLeakLab.Load.Requests;

/// <summary>
/// VegetaTargets reads Vegeta's plain-text targets format, so existing files work unchanged: a <c>METHOD URL</c>
/// line, then header lines (<c>Name: value</c>), then an optional <c>@path</c> body line; blank lines between
/// targets; <c>#</c> comments. The URL's path and query are kept; its scheme, host and port are replaced by each
/// target's (the lab never sends load where the file says, only to loopback targets it was given).
/// A body path is read as Vegeta does, from the current directory, else beside the targets file.
/// <code>
/// GET http://localhost:5000/api/items
/// X-Account-ID: 8675309
///
/// POST http://localhost:5000/api/orders
/// Content-Type: application/json
/// @order.json
/// </code>
/// </summary>
public static class VegetaTargets
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="FormatException"/> naming the file and line of the first mistake.</summary>
    public static IReadOnlyList<VegetaTarget> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"--targets: the file '{path}' does not exist");
        }

        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>Parses <paramref name="lines"/> of the file <paramref name="path"/> (used in messages and to find body files).</summary>
    public static IReadOnlyList<VegetaTarget> Parse(IReadOnlyList<string> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var targets = new List<VegetaTarget>();
        VegetaTarget? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            var where = $"--targets {path}:{i + 1}";
            if (line.Length == 0)
            {
                Close();
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            if (current is null)
            {
                current = ParseRequestLine(line, where, i + 1);
            }
            else if (line.StartsWith('@'))
            {
                current = current with { Request = current.Request with { Body = ReadBody(line[1..].Trim(), path, where), BodyMediaType = RequestArguments.MediaTypeOf(line, null) } };
            }
            else if (LooksLikeRequestLine(line))
            {
                Close();
                current = ParseRequestLine(line, where, i + 1);
            }
            else
            {
                current = current with { Request = current.Request with { Headers = [.. current.Request.Headers, RequestArguments.ParseHeader(line, where + ": header")] } };
            }
        }

        Close();
        return targets.Count > 0 ? targets : throw new FormatException($"--targets {path}: no target in the file (a target is a \"METHOD URL\" line)");

        void Close()
        {
            if (current is not null)
            {
                targets.Add(current);
                current = null;
            }
        }
    }

    private static bool LooksLikeRequestLine(string line) =>
        line.Split(' ', 2)[0] is var first && RequestArguments.Methods.Contains(first) && !first.Contains(':', StringComparison.Ordinal);

    private static VegetaTarget ParseRequestLine(string line, string where, int number)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"{where}: '{line}' is not \"METHOD URL\"");
        }

        var method = RequestArguments.ParseMethod(parts[0], where);
        if (Uri.TryCreate(parts[1], UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return new VegetaTarget(new RequestTemplate(1, method, url.PathAndQuery), new Uri(url.GetLeftPart(UriPartial.Authority) + "/"), number);
        }

        return parts[1].StartsWith('/')
            ? new VegetaTarget(new RequestTemplate(1, method, parts[1]), null, number)
            : throw new FormatException($"{where}: '{parts[1]}' is neither an http(s) URL nor a path starting with '/'");
    }

    private static byte[] ReadBody(string bodyPath, string targetsPath, string where)
    {
        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetsPath)) ?? ".", bodyPath);
        var found = File.Exists(bodyPath) ? bodyPath : File.Exists(beside) ? beside : null;
        return found is not null ? File.ReadAllBytes(found) : throw new FormatException($"{where}: the body file '{bodyPath}' does not exist");
    }
}
