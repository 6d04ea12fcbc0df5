namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>
/// A copy of a build output folder that another (unprivileged) user can read: the checkout may sit under a
/// folder only its owner can enter (a CI clone in a 0700 temp folder), where `runuser -u nobody` could not even
/// load leaklab.dll. Deleted on dispose.
/// </summary>
internal sealed class PublicCopy : IDisposable
{
    private PublicCopy(string root) => Root = root;

    /// <summary>The folder holding the copy.</summary>
    public string Root { get; }

    /// <summary>Copies <paramref name="sourceDirectory"/> (recursively) into a new folder every user can read.</summary>
    public static PublicCopy Of(string sourceDirectory)
    {
        var root = Directory.CreateTempSubdirectory("leaklab-public").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0x1ED); // rwxr-xr-x: CreateTempSubdirectory makes it 0700
        }

        foreach (var dir in Directory.EnumerateDirectories(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(root, Path.GetRelativePath(sourceDirectory, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(root, Path.GetRelativePath(sourceDirectory, file)));
        }

        return new PublicCopy(root);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
