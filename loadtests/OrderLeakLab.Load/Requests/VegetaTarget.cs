namespace OrderLeakLab.Load.Requests;

/// <summary>VegetaTarget is one target read from a Vegeta targets file: the request, and the origin its URL named (null for a bare path).</summary>
/// <param name="Request">The request, weight 1.</param>
/// <param name="Origin">The URL's scheme, host and port, e.g. <c>http://localhost:5000/</c>; the load sends to each target's own origin.</param>
/// <param name="Line">The line the target starts on.</param>
public sealed record VegetaTarget(RequestTemplate Request, Uri? Origin, int Line);
