namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// PrometheusFamily is one metric family: its name, <c># HELP</c>, <c># TYPE</c> and samples. A histogram's or
/// summary's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> samples belong to the family of the base name.
/// </summary>
/// <param name="Name">The family name (for a histogram, without <c>_bucket</c>/<c>_sum</c>/<c>_count</c>).</param>
/// <param name="Type">The declared type.</param>
/// <param name="Help">The unescaped help text, or empty.</param>
/// <param name="Samples">The samples, in exposition order.</param>
public sealed record PrometheusFamily(
    string Name,
    PrometheusMetricType Type,
    string Help,
    IReadOnlyList<PrometheusSample> Samples);
