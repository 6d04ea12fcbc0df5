using System.Globalization;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// SessionPriority raises this test host's scheduling weight while the container tests run and puts it back after.
/// Where the kernel groups every login session for scheduling (autogroup, as on this project's shared machines),
/// <c>nice</c> only orders processes inside a session: the in-process load generator of
/// <see cref="OrderServiceContainerTests"/> weighed as much as any other session's compiler, got a fraction of a core,
/// and every request timed out. The containers get the same from scripts/install-docker-engine.sh (their cgroup's
/// CPU weight). The container tests hold the machine's heavy-work lock while this is in force.
/// </summary>
internal sealed class SessionPriority : IDisposable
{
    private const string AutogroupFile = "/proc/self/autogroup";
    private readonly string? _niceBefore;

    private SessionPriority(string? niceBefore) => _niceBefore = niceBefore;

    /// <summary>Sets this session's autogroup nice to <paramref name="nice"/> (-20…19); a no-op where there is no autogroup or no right to.</summary>
    public static SessionPriority Raise(int nice)
    {
        try
        {
            // "/autogroup-5 nice 0"
            var before = File.ReadAllText(AutogroupFile).Trim().Split(' ')[^1];
            File.WriteAllText(AutogroupFile, nice.ToString(CultureInfo.InvariantCulture));
            return new SessionPriority(before);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SessionPriority(null);
        }
    }

    /// <summary>The session's nice as it was.</summary>
    public void Dispose()
    {
        if (_niceBefore is not null)
        {
            try
            {
                File.WriteAllText(AutogroupFile, _niceBefore);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The session's priority stays raised until it ends; nothing else to undo.
            }
        }
    }
}
