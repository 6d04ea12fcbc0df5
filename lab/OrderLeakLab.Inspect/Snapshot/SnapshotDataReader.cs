using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;
using Microsoft.Diagnostics.Runtime.DataReaders.Implementation;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// SnapshotDataReader serves ClrMD from a <see cref="MemorySnapshot"/> and the thread registers saved with it, as a
/// dump reader serves it from a file: the process runs on while its snapshot is analysed.
/// </summary>
internal sealed class SnapshotDataReader(int pid, MemorySnapshot memory, IReadOnlyDictionary<uint, byte[]> contexts, IReadOnlyList<MemoryMap> maps)
    : IDataReader, IThreadReader, IDisposable
{
    private List<ModuleInfo>? _modules;

    public string DisplayName => $"snapshot of pid {pid}";

    public bool IsThreadSafe => true;

    public OSPlatform TargetPlatform => OSPlatform.Linux;

    public Architecture Architecture => RuntimeInformation.ProcessArchitecture;

    public int ProcessId => pid;

    public int PointerSize => IntPtr.Size;

    /// <summary>Bytes the snapshot holds.</summary>
    public long CopiedBytes => memory.CopiedBytes;

    /// <summary>How the copy went.</summary>
    internal MemorySnapshot.CopyStats Stats => memory.Stats;

    public IEnumerable<ModuleInfo> EnumerateModules() =>
        _modules ??= maps
            .Where(m => m.Path.Length > 0 && !m.Path.StartsWith('['))
            .GroupBy(m => m.Path, StringComparer.Ordinal)
            .Select(g => ModuleInfo.TryCreate(this, g.Min(m => m.Start), g.Key))
            .OfType<ModuleInfo>()
            .ToList();

    public bool GetThreadContext(uint threadID, uint contextFlags, Span<byte> context)
    {
        if (!contexts.TryGetValue(threadID, out var saved))
        {
            return false;
        }

        saved.AsSpan(0, Math.Min(saved.Length, context.Length)).CopyTo(context);
        return true;
    }

    public IEnumerable<uint> EnumerateOSThreadIds() => contexts.Keys;

    public ulong GetThreadTeb(uint osThreadId) => 0;

    public void FlushCachedData()
    {
        // A snapshot does not change.
    }

    public int Read(ulong address, Span<byte> buffer) => memory.Read(address, buffer);

    public bool Read<T>(ulong address, out T value)
        where T : unmanaged
    {
        Span<byte> bytes = stackalloc byte[Unsafe.SizeOf<T>()];
        if (Read(address, bytes) == bytes.Length)
        {
            value = MemoryMarshal.Read<T>(bytes);
            return true;
        }

        value = default;
        return false;
    }

    public T Read<T>(ulong address)
        where T : unmanaged => Read(address, out T value) ? value : default;

    public bool ReadPointer(ulong address, out ulong value) => Read(address, out value);

    public ulong ReadPointer(ulong address) => Read<ulong>(address);

    public void Dispose() => memory.Dispose();
}
