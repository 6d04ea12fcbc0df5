namespace OrderLeakLab.Lab.Sampling;

/// <summary>PrometheusSample is one sample line: <c>name{labels} value [timestamp]</c>.</summary>
/// <param name="Name">The sample's own name (for a histogram e.g. <c>x_bucket</c>, <c>x_sum</c>, <c>x_count</c>).</param>
/// <param name="Labels">Label names to unescaped values, in the order given.</param>
/// <param name="Value">The value; <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> are kept as such.</param>
/// <param name="TimestampMs">The optional timestamp, milliseconds since the Unix epoch.</param>
public sealed record PrometheusSample(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    long? TimestampMs = null)
{
    /// <summary>The value of a label, or null when the sample does not carry it.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether every given label is present with the given value.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.All(pair => Label(pair.Key) == pair.Value);
}
