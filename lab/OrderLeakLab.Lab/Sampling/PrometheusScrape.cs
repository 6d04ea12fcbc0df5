namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// PrometheusScrape is one parsed <c>/metrics</c> page: its families by name, with look-ups that read the way
/// PromQL does (<c>Value("orders_workers_inflight")</c>, <c>Sum(...)</c>).
/// </summary>
public sealed class PrometheusScrape
{
    private readonly Dictionary<string, PrometheusFamily> families;

    /// <summary>Creates a scrape from parsed families (names must be unique).</summary>
    public PrometheusScrape(IEnumerable<PrometheusFamily> families) =>
        this.families = families.ToDictionary(family => family.Name, StringComparer.Ordinal);

    /// <summary>Every family, in no particular order.</summary>
    public IReadOnlyCollection<PrometheusFamily> Families => families.Values;

    /// <summary>The family named <paramref name="name"/>, or null.</summary>
    public PrometheusFamily? Family(string name) => families.GetValueOrDefault(name);

    /// <summary>Samples named exactly <paramref name="sampleName"/> whose labels include <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Samples(string sampleName, IReadOnlyDictionary<string, string>? labels = null)
    {
        var family = Family(sampleName) ?? Family(BaseName(sampleName));
        return family is null
            ? []
            : family.Samples.Where(sample => sample.Name == sampleName && sample.Matches(labels));
    }

    /// <summary>The first matching sample's value, or null when there is none.</summary>
    public double? Value(string sampleName, IReadOnlyDictionary<string, string>? labels = null) =>
        Samples(sampleName, labels).Select(sample => (double?)sample.Value).FirstOrDefault();

    /// <summary>The sum over all matching samples (e.g. over every <c>variant</c>), or null when there is none.</summary>
    public double? Sum(string sampleName, IReadOnlyDictionary<string, string>? labels = null)
    {
        var matching = Samples(sampleName, labels).ToList();
        return matching.Count == 0 ? null : matching.Sum(sample => sample.Value);
    }

    private static string BaseName(string sampleName)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["_bucket", "_sum", "_count"])
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }
}
