namespace OrderLeakLab.Lab.Sampling;

/// <summary>PrometheusMetricType is the <c># TYPE</c> of a metric family in the text exposition format 0.0.4.</summary>
public enum PrometheusMetricType
{
    /// <summary>No <c># TYPE</c> line, or <c>untyped</c>.</summary>
    Untyped,

    /// <summary>A monotonically increasing counter.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Cumulative buckets (<c>_bucket{le}</c>) with <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,

    /// <summary>Quantiles (<c>{quantile}</c>) with <c>_sum</c> and <c>_count</c>.</summary>
    Summary,
}
