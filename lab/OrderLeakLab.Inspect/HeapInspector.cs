using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;
using OrderLeakLab.Inspect.Analysis;
using OrderLeakLab.Inspect.Heap;
using OrderLeakLab.Inspect.Snapshot;
using OrderLeakLab.Inspect.Targets;

namespace OrderLeakLab.Inspect;

/// <summary>
/// HeapInspector takes one snapshot of where a live .NET process's async workers and threads are parked.
/// <code>
/// var report = await HeapInspector.InspectAsync(pid, new InspectOptions { GcFirst = true }, ct);
/// Console.WriteLine(report.LeakSiteSummary()); // 41,230 workers parked at LeakyCheckout.HandOffAsync awaiting a full channel
/// </code>
/// Live mode suspends the target (ptrace, same user or root) for the whole analysis and always resumes it,
/// also on failure or cancellation; dump mode pauses it only while the dump is written. Limits: Linux/.NET 6+;
/// bytes are approximate (box plus directly referenced objects); a process under heavy load pauses ~1–3 s
/// for 100k parked workers.
/// </summary>
public static class HeapInspector
{
    /// <summary>Inspects <paramref name="pid"/>; throws <see cref="InspectionException"/> with a one-line reason when it cannot.</summary>
    public static async Task<InspectionReport> InspectAsync(int pid, InspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DotNetProcess.EnsureInspectable(pid);
        var total = Stopwatch.StartNew();
        var takenAt = DateTimeOffset.UtcNow;
        if (options.GcFirst)
        {
            await InduceGcAsync(pid, options.GcTimeout, cancellationToken);
        }

        var (paused, dumpPath, analysis, stages) = options.Dump ? await FromDumpAsync(pid, options, cancellationToken)
            : options.Live ? await Task.Run(() => DacSession.Run(() => Live(pid, options, cancellationToken), cancellationToken), cancellationToken)
            : await Task.Run(() => DacSession.Run(() => FromSnapshot(pid, options, cancellationToken), cancellationToken), cancellationToken);
        var report = new InspectionReport(pid, takenAt, options.Dump ? "dump" : options.Live ? "live" : "snapshot", dumpPath, options.GcFirst, paused, total.Elapsed,
            analysis.Pending, analysis.Groups, analysis.Chains, analysis.Threads)
        {
            HeapTypes = analysis.Types,
            GrowingTypes = options.BaselineTypes is { } baseline ? TypeGrowth.Between(baseline, analysis.Types) : [],
            RetentionPaths = analysis.Paths,
            PathSearch = analysis.Search,
            TimerGroups = analysis.Timers,
            TokenRegistrations = analysis.Registrations,
            PauseStages = stages,
        };
        return report;
    }

    private static async Task InduceGcAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (!await GcTrigger.CollectAsync(pid, timeout, cancellationToken))
            {
                throw new InspectionException($"--gc-first: pid {pid} did not finish a full GC within {timeout.TotalSeconds:0} s");
            }
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException)
        {
            throw new InspectionException($"--gc-first: cannot reach pid {pid}'s diagnostics port: {e.Message}", e);
        }
    }

    private static (TimeSpan Paused, string? DumpPath, Analysis Result, PauseBreakdown? Stages) Live(int pid, InspectOptions options, CancellationToken cancellationToken)
    {
        var paused = Stopwatch.StartNew();
        // Our own child cannot be ptrace-attached safely (see ProcessFreezer): hold it still with SIGSTOP instead.
        using var freezer = ProcessFreezer.IsOwnChild(pid) ? ProcessFreezer.Freeze(pid, TimeSpan.FromSeconds(10)) : null;
        DataTarget target;
        try
        {
            target = DataTarget.AttachToProcess(pid, suspend: freezer is null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InspectionException($"cannot attach to pid {pid} (same user or root needed): {OneLine(e.Message)}", e);
        }

        Analysis result;
        try
        {
            result = Analyse(target, pid, options, cancellationToken);
        }
        finally
        {
            target.Dispose(); // detaches and resumes the target: on success, failure and cancellation alike
            freezer?.Dispose();
        }

        return (paused.Elapsed, null, result, null);
    }

    private static (TimeSpan Paused, string? DumpPath, Analysis Result, PauseBreakdown? Stages) FromSnapshot(int pid, InspectOptions options, CancellationToken cancellationToken)
    {
        // A snapshot taken mid-GC has a heap that cannot be walked; the next one, a moment later, usually has not.
        var paused = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var (reader, pause, stages) = ProcessSnapshot.Take(pid);
            paused += pause;
            using (reader)
            {
                using var target = new DataTarget(reader, new DataTargetOptions());
                using var runtime = CreateRuntime(target, pid);
                if (runtime.Heap.CanWalkHeap || attempt == SnapshotAttempts)
                {
                    return (paused, null, Analyse(runtime, pid, options, cancellationToken), stages with { Attempts = attempt });
                }
            }

            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50 * attempt));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static async Task<(TimeSpan, string?, Analysis, PauseBreakdown?)> FromDumpAsync(int pid, InspectOptions options, CancellationToken cancellationToken)
    {
        var folder = options.DumpDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        // A dump written mid-GC has a heap that cannot be walked (seen under load: 1 of 2 dumps of a busy 10k-worker
        // target); as with snapshots, the next one, a moment later, usually has not.
        var paused = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var path = Path.GetFullPath(Path.Combine(folder, $"leaklab-{pid}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{attempt}.dmp"));
            var writing = Stopwatch.StartNew();
            try
            {
                await DumpWriter.WriteAsync(pid, path, cancellationToken);
            }
            catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or UnsupportedCommandException or IOException or System.ComponentModel.Win32Exception)
            {
                throw new InspectionException($"cannot write a dump of pid {pid}: {OneLine(e.Message)}", e);
            }

            paused += writing.Elapsed;
            var last = attempt == SnapshotAttempts;
            Analysis? analysis;
            try
            {
                analysis = await Task.Run(() => DacSession.Run(() =>
                {
                    using var target = DataTarget.LoadDump(path);
                    using var runtime = CreateRuntime(target, pid);
                    return runtime.Heap.CanWalkHeap || last ? Analyse(runtime, pid, options, cancellationToken) : null;
                }, cancellationToken), cancellationToken);
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            if (analysis is not null && options.KeepDump)
            {
                return (paused, path, analysis, null);
            }

            File.Delete(path); // not kept, or written mid-GC
            if (analysis is not null)
            {
                return (paused, null, analysis, null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }
    }

    private const int SnapshotAttempts = 3;

    private static ClrRuntime CreateRuntime(DataTarget target, int pid) => DacSession.CreateRuntime(target, pid);

    private static Analysis Analyse(DataTarget target, int pid, InspectOptions options, CancellationToken cancellationToken)
    {
        using var runtime = CreateRuntime(target, pid);
        return Analyse(runtime, pid, options, cancellationToken);
    }

    private static Analysis Analyse(ClrRuntime runtime, int pid, InspectOptions options, CancellationToken cancellationToken)
    {
        if (!runtime.Heap.CanWalkHeap)
        {
            throw new InspectionException($"pid {pid}'s heap cannot be walked right now (GC in progress?); try again");
        }

        var census = options.Heap ? new TypeCensus() : null;
        var (pending, groups, chains) = AsyncHeapWalker.Walk(runtime, options.MaxChainDepth, census, cancellationToken);
        var threads = ThreadStackGrouper.Group(runtime, options.MaxStackFrames, cancellationToken);
        var (timers, registrations) = TimerAndTokenWalker.Walk(runtime, cancellationToken);
        if (census is null)
        {
            return new Analysis(pending, groups, chains, threads, [], [], null) { Timers = timers, Registrations = registrations };
        }

        var types = census.ToStats();
        var headline = new InspectionReport(pid, default, "", null, false, default, default, pending, groups, chains, threads).LeakSite;
        var wantedTypes = PathTypes(options, types);
        var byMethodTable = new Dictionary<ulong, string>();
        foreach (var name in wantedTypes)
        {
            foreach (var mt in census.MethodTablesOf([name]))
            {
                byMethodTable[mt] = StateMachineNames.ShortType(name);
            }
        }

        var byObject = headline is { SampleAddress: not 0 } site
            ? new Dictionary<ulong, string> { [site.SampleAddress] = $"leak site {site.Method}" }
            : [];
        if (byMethodTable.Count == 0 && byObject.Count == 0)
        {
            // A census (no path types asked, no leak site to explain): nothing to search for, so the roots are not walked.
            return new Analysis(pending, groups, chains, threads, types, [], null) { Timers = timers, Registrations = registrations };
        }

        var finder = new RetentionPathFinder(runtime, options.MaxPathDepth, options.MaxPathObjects, options.PathTimeout,
            census.MethodTablesOf([RetentionNames.ContainerTypeName]));
        var (paths, search) = finder.Find(byMethodTable, byObject, cancellationToken);
        return new Analysis(pending, groups, chains, threads, types, paths, search) { Timers = timers, Registrations = registrations };
    }

    /// <summary>The types to find paths for: the ones asked for, else the application types that grew most (or, without a baseline, are largest).</summary>
    private static IEnumerable<string> PathTypes(InspectOptions options, List<HeapTypeStat> types)
    {
        if (options.PathTypes is { } asked)
        {
            return asked;
        }

        var candidates = options.BaselineTypes is { } baseline
            ? TypeGrowth.Between(baseline, types).Where(g => g.Application).Select(g => g.Type)
            : types.Where(t => t.Application).Select(t => t.Type);
        return candidates.Take(options.PathTypeCount).ToList();
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private sealed record Analysis(long Pending, IReadOnlyList<AsyncGroup> Groups, IReadOnlyList<AsyncChain> Chains, IReadOnlyList<ThreadGroup> Threads,
        IReadOnlyList<HeapTypeStat> Types, IReadOnlyList<RetentionPath> Paths, RetentionSearch? Search)
    {
        public IReadOnlyList<TimerGroup> Timers { get; init; } = [];

        public IReadOnlyList<TokenRegistrationGroup> Registrations { get; init; } = [];
    }
}
