namespace OrderLeakLab.Lab.Sampling;

/// <summary>Collects HELP, TYPE and samples into families while parsing, attaching <c>_bucket/_sum/_count</c> to their base.</summary>
internal sealed class FamilyBuilder
{
    private readonly Dictionary<string, (PrometheusMetricType Type, string Help, List<PrometheusSample> Samples)> families =
        new(StringComparer.Ordinal);

    private readonly List<string> order = [];

    public void SetHelp(string name, string help)
    {
        var family = Get(name);
        families[name] = family with { Help = help };
    }

    public void SetType(string name, PrometheusMetricType type, int lineNumber)
    {
        var family = Get(name);
        if (family.Samples.Count > 0)
        {
            throw new PrometheusFormatException(lineNumber, $"# TYPE for '{name}' after its samples");
        }

        families[name] = family with { Type = type };
    }

    public void Add(PrometheusSample sample) => Get(FamilyName(sample.Name)).Samples.Add(sample);

    public IEnumerable<PrometheusFamily> Build() =>
        order.Select(name => new PrometheusFamily(name, families[name].Type, families[name].Help, families[name].Samples));

    private string FamilyName(string sampleName)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["_bucket", "_sum", "_count"])
        {
            if (!sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var baseName = sampleName[..^suffix.Length];
            if (families.TryGetValue(baseName, out var family)
                && (family.Type == PrometheusMetricType.Histogram
                    || (family.Type == PrometheusMetricType.Summary && suffix != "_bucket")))
            {
                return baseName;
            }
        }

        return sampleName;
    }

    private (PrometheusMetricType Type, string Help, List<PrometheusSample> Samples) Get(string name)
    {
        if (!families.TryGetValue(name, out var family))
        {
            family = (PrometheusMetricType.Untyped, "", []);
            families[name] = family;
            order.Add(name);
        }

        return family;
    }
}
