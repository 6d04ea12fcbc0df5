using System.Runtime.InteropServices;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// Reads another process's memory with <c>process_vm_readv</c>: one system call per range, the kernel copying straight
/// into our buffer. Several times faster than <c>/proc/PID/mem</c>, which copies a page at a time through a bounce
/// buffer (measured here: 300 MB in 1.4 s against 3.5 s) — and every millisecond here the target is paused.
/// </summary>
internal static class RemoteMemory
{
    /// <summary>Fills <paramref name="length"/> bytes of the pinned <paramref name="buffer"/> at <paramref name="offset"/> from
    /// <paramref name="address"/> in <paramref name="pid"/>; returns the bytes read.</summary>
    public static int Read(int pid, byte[] buffer, int offset, int length, ulong address)
    {
        var local = new IoVec(Marshal.UnsafeAddrOfPinnedArrayElement(buffer, offset), (nuint)length);
        var remote = new IoVec((nint)address, (nuint)length);
        var done = 0;
        while (done < length)
        {
            var read = (int)ProcessVmReadv(pid, ref local, 1, ref remote, 1, 0);
            if (read <= 0)
            {
                break; // a page that cannot be read (or the process is gone): the caller zeroes the rest
            }

            done += read;
            local = new IoVec(local.Base + read, local.Length - (nuint)read);
            remote = new IoVec(remote.Base + read, remote.Length - (nuint)read);
        }

        return done;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct IoVec(nint Base, nuint Length);

    // DllImport rather than LibraryImport: blittable arguments need no marshalling and no unsafe code.
    [DllImport("libc", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static extern nint ProcessVmReadv(int pid, ref IoVec local, nuint localCount, ref IoVec remote, nuint remoteCount, nuint flags);
}
