namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>Where the repository and the shared schemas are, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the first folder upwards that holds OrderLeakLab.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path under the repository root, from '/'-separated parts.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The Compose Specification schema in <c>../shared/schemas</c> beside the repository (CI clones the repository
    /// with shared/ beside it; the worktrees here have it one level further up).
    /// </summary>
    public static string ComposeSchema
    {
        get
        {
            for (var dir = new DirectoryInfo(Root); dir.Parent is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.Parent.FullName, "shared", "schemas", "compose-spec.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException(
                $"compose-spec.json not found in ../shared/schemas relative to {Root} (or any folder above it).");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderLeakLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrderLeakLab.sln above {AppContext.BaseDirectory}.");
    }
}
