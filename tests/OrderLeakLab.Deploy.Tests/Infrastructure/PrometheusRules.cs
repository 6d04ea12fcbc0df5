using System.Text.RegularExpressions;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>The alert rules of dashboards/prometheus/alerts.yml.</summary>
internal static partial class PrometheusRules
{
    /// <summary>Every alert's name and expression.</summary>
    public static IEnumerable<(string Alert, string Expr)> Alerts() =>
        YamlJson.ReadObject(RepoPaths.Of("dashboards/prometheus/alerts.yml"))["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Where(r => r!["alert"] is not null)
            .Select(r => ((string)r!["alert"]!, ((string)r["expr"]!).Trim()));

    /// <summary>An expression without its final comparison (<c>changes(x[15m]) &gt;= 3</c> → <c>changes(x[15m])</c>).</summary>
    public static string WithoutThreshold(string expr) => TrailingComparison().Replace(expr, "");

    /// <summary>
    /// The series selectors an expression reads (<c>name{labels}</c>), each once: what must answer for the alert to be
    /// able to fire, even while its condition does not hold (thread starvation and CPU growth do not happen in a
    /// run where they should not).
    /// </summary>
    public static IReadOnlyList<string> Selectors(string expr) =>
        Selector().Matches(expr).Select(m => m.Value).Distinct().ToList();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\s*(>=|<=|==|!=|>|<)\s*[\d.]+\s*$")]
    private static partial Regex TrailingComparison();
}
