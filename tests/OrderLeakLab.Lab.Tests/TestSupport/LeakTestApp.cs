namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>Where the tests' own service (tests/TestApps/LeakTestApp, built with this project) is, and a free address for it.</summary>
internal static class LeakTestApp
{
    /// <summary>The built LeakTestApp.dll, in the configuration these tests were built in.</summary>
    public static string Dll { get; } = Find();

    /// <summary>The arguments after <c>--</c> that start it on <paramref name="url"/>.</summary>
    public static string[] Command(Uri url) => ["dotnet", Dll, "--urls", url.ToString().TrimEnd('/')];

    private static string Find()
    {
        var configuration = OrderLeakLab.Lab.Demo.ServiceLocator.BuildConfiguration; // the tests and the lab are built together
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "tests", "TestApps", "LeakTestApp", "bin", configuration, "net10.0", "LeakTestApp.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"LeakTestApp.dll ({configuration}) is not built; build OrderLeakLab.sln");
    }
}
