using System.Globalization;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// PauseBreakdown says where a memory snapshot's pause went, stage by stage, so a long pause can be told apart:
/// stopping the threads, reading their registers, reading the memory map and page map, copying, resuming.
/// <code>suspend 41 ms (212 threads), registers 6 ms, maps 22 ms, copy 231 ms (247 MB, 240 MB of it anonymous, in 9,120 ranges and 40 calls, 1,069 MB/s; copy threads ran 390 ms, waited 12 ms for a CPU), resume 9 ms</code>
/// </summary>
/// <param name="Suspend">From the stop request until every thread is held (SIGSTOP or ptrace attach).</param>
/// <param name="Threads">Threads whose registers were saved.</param>
/// <param name="Registers">Reading every thread's registers.</param>
/// <param name="Maps">Reading <c>/proc/PID/maps</c> and <c>/proc/PID/pagemap</c> and planning the copy.</param>
/// <param name="Copy">Copying the changing memory (wall clock).</param>
/// <param name="CopiedBytes">Bytes copied.</param>
/// <param name="AnonymousBytes">Of those, private anonymous memory (the GC heap, stacks, the runtime's data).</param>
/// <param name="Ranges">Address ranges copied (runs of present pages, writable mappings).</param>
/// <param name="Calls"><c>process_vm_readv</c> calls made for them.</param>
/// <param name="CopyRan">CPU time the copy threads got, summed over them.</param>
/// <param name="CopyWaited">Time the copy threads were ready but waited for a CPU, summed (a busy machine shows here).</param>
/// <param name="Resume">Detaching and resuming every thread.</param>
/// <param name="Attempts">Snapshots taken (one more is taken when the first caught the GC mid-way); the stages are the last one's.</param>
public sealed record PauseBreakdown(
    TimeSpan Suspend,
    int Threads,
    TimeSpan Registers,
    TimeSpan Maps,
    TimeSpan Copy,
    long CopiedBytes,
    long AnonymousBytes,
    int Ranges,
    int Calls,
    TimeSpan CopyRan,
    TimeSpan CopyWaited,
    TimeSpan Resume,
    int Attempts = 1)
{
    /// <summary>The breakdown on one line, e.g. the example in the type's summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Attempts > 1 ? $"{Attempts} snapshots, the last: " : "")}suspend {Ms(Suspend)} ({Threads:N0} threads), registers {Ms(Registers)}, maps {Ms(Maps)}, copy {Ms(Copy)} ({CopiedBytes / 1e6:N0} MB, {AnonymousBytes / 1e6:N0} MB of it anonymous, in {Ranges:N0} ranges and {Calls:N0} calls, {Rate:N0} MB/s; copy threads ran {Ms(CopyRan)}, waited {Ms(CopyWaited)} for a CPU), resume {Ms(Resume)}");

    private double Rate => Copy > TimeSpan.Zero ? CopiedBytes / 1e6 / Copy.TotalSeconds : 0;

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:N0} ms");
}
