namespace OrderLeakLab.Lab.Sampling;

/// <summary>PrometheusFormatException reports text that is not in the exposition format, with its line number.</summary>
public sealed class PrometheusFormatException : FormatException
{
    /// <summary>Creates the exception for a 1-based line number.</summary>
    public PrometheusFormatException(int line, string message)
        : base($"line {line}: {message}") => Line = line;

    /// <summary>The 1-based line number of the offending line.</summary>
    public int Line { get; }
}
