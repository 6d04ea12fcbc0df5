namespace OrderLeakLab.Inspect;

/// <summary>TokenRegistrationGroup is one cancellation token source with many callbacks registered on it.</summary>
/// <param name="Source">The source, named where the lab knows it (e.g. <c>IHostApplicationLifetime.ApplicationStopping</c>), else its type and address.</param>
/// <param name="Registrations">Callbacks registered on it.</param>
/// <param name="TopState">The most common type of the registrations' state, e.g. <c>CancellationTokenSource.Linked2CancellationTokenSource</c> (a linked source).</param>
/// <param name="TopStateCount">How many registrations have that state.</param>
public sealed record TokenRegistrationGroup(string Source, long Registrations, string TopState, long TopStateCount)
{
    /// <summary>One line: <c>60,012 registrations on IHostApplicationLifetime.ApplicationStopping (60,000 from linked token sources never disposed)</c>.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Registrations:N0} registrations on {Source} ({TopStateCount:N0} of {TopState}{(TopState.Contains("Linked", StringComparison.Ordinal) ? ": linked token sources never disposed" : "")})");
}
