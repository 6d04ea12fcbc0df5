namespace OrderLeakLab.Load.Scenarios;

/// <summary>Why a step did not succeed; <see cref="None"/> for a successful step.</summary>
public enum FailureKind
{
    /// <summary>The step succeeded.</summary>
    None,

    /// <summary>The target answered with a non-success status code (see <see cref="StepResult.StatusCode"/>).</summary>
    Status,

    /// <summary>The request timed out (client-side request timeout, e.g. 5 s).</summary>
    Timeout,

    /// <summary>The transport failed: connection refused or reset, response ended early, DNS failure.</summary>
    ConnectionError,

    /// <summary>The arrival was never sent because the scenario's in-flight cap was full (overflow).</summary>
    Dropped,

    /// <summary>The step threw something unexpected.</summary>
    Error,
}
