namespace OrderLeakLab.Load.Scenarios;

/// <summary>
/// StepResult is what one scenario invocation reports: ok or a failure, with the HTTP status when there was one.
/// </summary>
/// <param name="IsOk">True when the step succeeded.</param>
/// <param name="StatusCode">The HTTP status code, or 0 when no response arrived.</param>
/// <param name="Failure">Why it failed; <see cref="FailureKind.None"/> when <paramref name="IsOk"/>.</param>
public readonly record struct StepResult(bool IsOk, int StatusCode, FailureKind Failure)
{
    /// <summary>A successful step, optionally with its status code.</summary>
    public static StepResult Ok(int statusCode = 200) => new(true, statusCode, FailureKind.None);

    /// <summary>A step that got an unsuccessful status code from the target.</summary>
    public static StepResult Fail(int statusCode) => new(false, statusCode, FailureKind.Status);

    /// <summary>A step that timed out.</summary>
    public static StepResult Timeout() => new(false, 0, FailureKind.Timeout);

    /// <summary>A step whose connection failed.</summary>
    public static StepResult ConnectionError() => new(false, 0, FailureKind.ConnectionError);

    /// <summary>A step that failed for an unexpected reason.</summary>
    public static StepResult Error() => new(false, 0, FailureKind.Error);

    /// <summary>Ok for 2xx, <see cref="Fail"/> otherwise.</summary>
    public static StepResult FromStatus(int statusCode) =>
        statusCode is >= 200 and < 300 ? Ok(statusCode) : Fail(statusCode);

    /// <summary>
    /// Classifies an exception thrown by a step: cancellations and <see cref="TimeoutException"/> are timeouts,
    /// <see cref="HttpRequestException"/>, socket and IO errors are connection errors, anything else an error.
    /// The engine calls this only when the run itself did not cancel the step.
    /// </summary>
    public static StepResult FromException(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => Timeout(),
        HttpRequestException or System.Net.Sockets.SocketException or IOException => ConnectionError(),
        _ => Error(),
    };
}
