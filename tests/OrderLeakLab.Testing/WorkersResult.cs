namespace OrderLeakLab.Testing;

/// <summary>WorkersResult is the JSON of <c>GET /debug/workers?format=json</c>.</summary>
public sealed record WorkersResult(int Total, IReadOnlyList<WorkersResult.Group> Groups)
{
    /// <summary>Workers parked at the same stage.</summary>
    public sealed record Group(string Method, string Awaiting, int Count, double OldestAgeSeconds);
}
