namespace OrderLeakLab.Testing;

/// <summary>ProcessProbe tells whether a pid is a live process (not gone, not a zombie waiting to be reaped).</summary>
public static class ProcessProbe
{
    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..] is { Length: > 0 } rest && rest[0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
