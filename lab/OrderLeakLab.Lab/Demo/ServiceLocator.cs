using System.Reflection;

namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// ServiceLocator finds the order service the demo runs. The lab's project references
/// <c>services/OrderService</c> with <c>ReferenceOutputAssembly=false</c>, so building (or <c>dotnet run</c>-ning)
/// the lab builds the service too; at run time the lab walks up from its own folder to
/// <c>OrderLeakLab.sln</c> and takes <c>services/OrderService/bin/&lt;Configuration&gt;/net10.0/OrderService.dll</c>,
/// preferring the configuration the lab itself was built in. The <c>leaklab</c> tool package carries the service in
/// <c>order-service/</c> beside <c>leaklab.dll</c>, which is looked at first. <c>--service-dll</c> overrides all of this.
/// </summary>
public static class ServiceLocator
{
    /// <summary>The order service's dll name.</summary>
    public const string DllName = "OrderService.dll";

    /// <summary>The folder beside <c>leaklab.dll</c> that holds the service in the tool package.</summary>
    public const string PackagedFolder = "order-service";

    /// <summary>Returns the dll path, or null with the places looked at in <paramref name="looked"/>.</summary>
    public static string? Find(string? overridePath, out string looked, string? startDirectory = null)
    {
        if (overridePath is not null)
        {
            looked = overridePath;
            return File.Exists(overridePath) ? Path.GetFullPath(overridePath) : null;
        }

        var candidates = new List<string> { Path.Combine(startDirectory ?? AppContext.BaseDirectory, PackagedFolder, DllName) };
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "OrderLeakLab.sln")))
            {
                continue;
            }

            var bin = Path.Combine(dir.FullName, "services", "OrderService", "bin");
            var own = BuildConfiguration;
            candidates.Add(Path.Combine(bin, own, "net10.0", DllName));
            candidates.AddRange(new[] { "Release", "Debug" }.Where(c => c != own).Select(c => Path.Combine(bin, c, "net10.0", DllName)));
            break;
        }

        looked = string.Join(", ", candidates) + (candidates.Count == 1 ? ", and found no OrderLeakLab.sln above " + (startDirectory ?? AppContext.BaseDirectory) : "");
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The configuration the lab was built in (<c>Debug</c> or <c>Release</c>).</summary>
    public static string BuildConfiguration =>
        typeof(ServiceLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";
}
