using System.CommandLine;
using System.CommandLine.Parsing;

namespace OrderLeakLab.Lab.Cli;

/// <summary>OptionParsers builds typed options that read the lab's units (durations, sizes) with clear errors.</summary>
public static class OptionParsers
{
    /// <summary>A duration option (<c>500ms</c>, <c>60s</c>, <c>3m</c>).</summary>
    public static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = $"{description} (e.g. 500ms, 60s, 3m; default {DurationFormat.Typed(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => DurationParser.TryParse(Single(result), out var v, out var error)
            ? v
            : Fail<TimeSpan>(result, $"{name}: {error}"),
    };

    /// <summary>A memory size option (<c>256Mi</c>, <c>1Gi</c>).</summary>
    public static Option<long> Size(string name, long defaultValue, string description) => new(name)
    {
        Description = $"{description} (e.g. 192Mi, 1Gi; default {SizeParser.Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => SizeParser.TryParse(Single(result), out var v, out var error)
            ? v
            : Fail<long>(result, $"{name}: {error}"),
    };

    /// <summary>An option limited to a few words, parsed case-insensitively into <typeparamref name="T"/>.</summary>
    public static Option<T> Choice<T>(string name, T defaultValue, string description, params (string Word, T Value)[] choices) => new(name)
    {
        Description = $"{description} ({string.Join('|', choices.Select(c => c.Word))}; default {choices.First(c => Equals(c.Value, defaultValue)).Word})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = Single(result);
            foreach (var (word, value) in choices)
            {
                if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return Fail<T>(result, $"{name}: '{text}' must be one of {string.Join(", ", choices.Select(c => c.Word))}");
        },
    };

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
