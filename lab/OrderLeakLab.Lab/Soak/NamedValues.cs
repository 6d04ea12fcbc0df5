namespace OrderLeakLab.Lab.Soak;

/// <summary>NamedValues parses repeated or comma-separated <c>NAME=VALUE</c> option values (<c>--target</c>, <c>--metrics</c>, <c>--pid</c>).</summary>
public static class NamedValues
{
    /// <summary>
    /// Parses every <c>NAME=VALUE</c> term, in order; throws <see cref="FormatException"/> naming
    /// <paramref name="option"/> on a malformed term or a name given twice.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> values, string option)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var term in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == term.Length - 1)
            {
                throw new FormatException($"{option}: '{term}' is not NAME=VALUE");
            }

            var name = term[..equals].Trim();
            if (result.Any(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"{option}: '{name}' given twice");
            }

            result.Add(new(name, term[(equals + 1)..].Trim()));
        }

        return result;
    }
}
