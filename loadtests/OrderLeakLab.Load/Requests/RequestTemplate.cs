namespace OrderLeakLab.Load.Requests;

/// <summary>RequestTemplate is one kind of request in a <see cref="RequestMix"/>: method, path, headers, body, and its weight.</summary>
/// <param name="Weight">How many arrivals in each round of the mix send this request (1 – 1000).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path (and query) on the target, starting with <c>/</c>.</param>
public sealed record RequestTemplate(int Weight, HttpMethod Method, string PathAndQuery)
{
    /// <summary>Headers in the order given; <c>Content-*</c> headers go on the body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The body, or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body's media type when no <c>Content-Type</c> header was given (JSON for JSON-looking bodies).</summary>
    public string? BodyMediaType { get; init; }

    /// <summary>How it reads in logs and reports: <c>3:GET /api/items</c>.</summary>
    public override string ToString() => $"{Weight}:{Method} {PathAndQuery}";
}
