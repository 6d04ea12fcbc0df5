using System.Reflection;

namespace OrderLeakLab.Lab;

/// <summary>
/// LabVersion is the lab's version as <c>Directory.Build.props</c> sets it (<c>&lt;Version&gt;</c>, the one place):
/// the same text <c>leaklab --version</c> prints and the order service reports in <c>orders_build_info{version}</c>.
/// </summary>
public static class LabVersion
{
    /// <summary>The version, e.g. <c>0.1.0</c>.</summary>
    public static string Text { get; } =
        typeof(LabVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";
}
