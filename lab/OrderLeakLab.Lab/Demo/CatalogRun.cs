using System.Globalization;
using System.Text.Json;
using OrderLeakLab.Lab.Cli;

namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// CatalogRun is <c>leaklab demo --leak all</c>: one demo per leak pattern, one after the other, each with its report in
/// <c>REPORT/&lt;pattern&gt;</c>, then a table of every pattern's verdicts read back from those reports' <c>verdict.json</c>.
/// The exit code is 0 when every pattern's expectation held, 1 when one did not, 130 when interrupted (the patterns
/// not yet run are skipped).
/// </summary>
/// <param name="runPattern">Runs one pattern's demo into a report folder; returns its exit code.</param>
/// <param name="output">Where the table goes.</param>
public sealed class CatalogRun(Func<string, string, CancellationToken, Task<int>> runPattern, TextWriter output)
{
    /// <summary>Runs <paramref name="patterns"/> into subfolders of <paramref name="reportDirectory"/>.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> patterns, string reportDirectory, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var pattern in patterns)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var folder = Path.Combine(reportDirectory, pattern);
            await output.WriteLineAsync($"── leak pattern {pattern} ({rows.Count + 1}/{patterns.Count}) ──");
            var code = await runPattern(pattern, folder, cancellationToken);
            rows.Add(Row.Read(pattern, folder, code));
            if (code == ExitCodes.Interrupted || code == ExitCodes.UsageError)
            {
                break;
            }
        }

        await WriteTableAsync(rows, patterns.Count);
        return rows.Any(r => r.ExitCode == ExitCodes.Interrupted) ? ExitCodes.Interrupted
            : rows.Count == patterns.Count && rows.All(r => r.ExitCode == ExitCodes.Success) ? ExitCodes.Success
            : rows.FirstOrDefault(r => r.ExitCode == ExitCodes.UsageError) is not null ? ExitCodes.UsageError
            : ExitCodes.ExpectationFailed;
    }

    private async Task WriteTableAsync(IReadOnlyList<Row> rows, int planned)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"leak catalog: {rows.Count(r => r.ExitCode == 0)} of {planned} patterns held their expectation"));
        var width = Math.Max("PATTERN".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Pattern.Length));
        var leakyWidth = Math.Max("LEAKY".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Leaky.Length));
        var fixedWidth = Math.Max("FIXED".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Fixed.Length));
        await output.WriteLineAsync($"{"PATTERN".PadRight(width)}  {"LEAKY".PadRight(leakyWidth)}  {"FIXED".PadRight(fixedWidth)}  HELD");
        foreach (var row in rows)
        {
            var held = row.ExitCode switch { 0 => "✓", 130 => "interrupted", _ => "✗" };
            await output.WriteLineAsync($"{row.Pattern.PadRight(width)}  {row.Leaky.PadRight(leakyWidth)}  {row.Fixed.PadRight(fixedWidth)}  {held}");
        }
    }

    /// <summary>One pattern's line: the verdict headline of each variant (<c>LEAK (threads)</c>, <c>FLAT</c>).</summary>
    private sealed record Row(string Pattern, string Leaky, string Fixed, int ExitCode)
    {
        public static Row Read(string pattern, string folder, int exitCode)
        {
            var path = Path.Combine(folder, "verdict.json");
            if (!File.Exists(path))
            {
                return new Row(pattern, "no verdict", "no verdict", exitCode);
            }

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            string Headline(string name)
            {
                foreach (var target in json.RootElement.GetProperty("targets").EnumerateArray())
                {
                    if (target.GetProperty("name").GetString() == name)
                    {
                        var verdict = target.GetProperty("verdict").GetString()!.ToUpperInvariant();
                        var kinds = target.TryGetProperty("kinds", out var k) ? k.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                        return kinds.Count > 0 ? $"{verdict} ({string.Join(", ", kinds)})" : verdict;
                    }
                }

                return "no verdict";
            }

            return new Row(pattern, Headline("leaky"), Headline("fixed"), exitCode);
        }
    }
}
