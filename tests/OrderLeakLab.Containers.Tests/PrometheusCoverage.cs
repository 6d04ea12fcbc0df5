using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// PrometheusCoverage asks a running Prometheus whether every expression of the Grafana dashboard and of the alert
/// rules has data for both variants over a window: each dashboard expression as Grafana would draw it, and each
/// series selector an expression reads (what an alert needs to be able to fire, also when its condition does not hold
/// in this run: thread starvation, CPU growth against 10 minutes ago). Expressions that read only cAdvisor's metrics
/// are listed apart when cAdvisor did not run.
/// </summary>
internal sealed class PrometheusCoverage(PrometheusApi prometheus, string window, bool cadvisorRan)
{
    private static readonly string[] Variants = ["leaky", "fixed"];

    /// <summary>One expression or selector and the variants it answered for.</summary>
    public sealed record Answer(string Source, string Expr, IReadOnlySet<string> Variants)
    {
        /// <summary>True when it answered for leaky and for fixed.</summary>
        public bool Both => PrometheusCoverage.Variants.All(Variants.Contains);

        /// <inheritdoc />
        public override string ToString() => $"{Source}: {Expr} -> [{string.Join(", ", Variants.Order())}]";
    }

    /// <summary>Expressions not asked because they read only cAdvisor's metrics and cAdvisor did not run.</summary>
    public List<string> NotChecked { get; } = [];

    /// <summary>Every dashboard expression and every selector of every dashboard and alert expression, answered.</summary>
    public async Task<List<Answer>> AskAsync()
    {
        var answers = new List<Answer>();
        var sources = DashboardExpressions.All().Select(e => ("dashboard", DashboardExpressions.Substitute(e)))
            .Concat(PrometheusRules.Alerts().Select(a => ($"alert {a.Alert}", a.Expr)));
        foreach (var (source, expr) in sources)
        {
            if (!cadvisorRan && DashboardExpressions.NeedsCadvisor(expr))
            {
                NotChecked.Add($"{source}: {expr}");
                continue;
            }

            if (source == "dashboard")
            {
                answers.Add(new Answer(source, expr, await VariantsAsync($"max_over_time(({expr})[{window}:2s])")));
            }

            foreach (var selector in PrometheusRules.Selectors(expr))
            {
                answers.Add(new Answer($"{source} reads", selector, await VariantsAsync($"max_over_time({selector}[{window}])")));
            }
        }

        return answers;
    }

    /// <summary>The variants for which an alert's condition held at some point of the window.</summary>
    public async Task<IReadOnlySet<string>> HeldAsync(string expr) => await VariantsAsync($"max_over_time(({expr})[{window}:2s])");

    private async Task<IReadOnlySet<string>> VariantsAsync(string promql) =>
        (await prometheus.QueryAsync(promql)).Select(s => s.Labels.GetValueOrDefault("variant") ?? "(none)").ToHashSet();
}
