namespace OrderService.Tests.Fixtures;

/// <summary>
/// TestCgroup creates a real memory cgroup (v1 <c>/sys/fs/cgroup/memory/…</c> or v2 <c>/sys/fs/cgroup/…</c>) with a
/// limit, and removes it on dispose once its processes are gone. Needs root.
/// </summary>
public sealed class TestCgroup : IDisposable
{
    private TestCgroup(string directory, string procsFile) => (Directory, ProcsFile) = (directory, procsFile);

    /// <summary>The cgroup's directory.</summary>
    public string Directory { get; }

    /// <summary>Write a pid here to move that process into the cgroup.</summary>
    public string ProcsFile { get; }

    /// <summary>Creates the cgroup with <paramref name="limitBytes"/> as its memory limit.</summary>
    public static TestCgroup Create(long limitBytes)
    {
        var name = $"orderleaklab-test-{Guid.NewGuid():N}";
        var v1 = "/sys/fs/cgroup/memory";
        var (directory, limitFile) = System.IO.Directory.Exists(v1)
            ? (Path.Combine(v1, name), "memory.limit_in_bytes")
            : File.Exists("/sys/fs/cgroup/cgroup.controllers")
                ? (Path.Combine("/sys/fs/cgroup", name), "memory.max")
                : throw new InvalidOperationException("No memory cgroup hierarchy is mounted at /sys/fs/cgroup.");
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, limitFile), limitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            TryRemove(directory);
            throw new InvalidOperationException($"Cannot create a memory cgroup at {directory} (this test needs root and a writable memory controller): {ex.Message}", ex);
        }

        return new TestCgroup(directory, Path.Combine(directory, "cgroup.procs"));
    }

    /// <summary>Removes the cgroup, retrying while its last process is still exiting.</summary>
    public void Dispose()
    {
        for (var attempt = 0; attempt < 100 && System.IO.Directory.Exists(Directory); attempt++)
        {
            if (TryRemove(Directory))
            {
                return;
            }

            Thread.Sleep(100);
        }
    }

    // A cgroup directory is removed with rmdir (its control files cannot be deleted one by one).
    private static bool TryRemove(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
