namespace OrderLeakLab.Lab.Run;

/// <summary>LoadTarget is one service the load goes to.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="BaseUrl">Its base URL, e.g. <c>http://127.0.0.1:41234/</c>.</param>
public sealed record LoadTarget(string Name, Uri BaseUrl);
