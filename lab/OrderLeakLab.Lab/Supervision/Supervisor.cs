using System.Diagnostics;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Supervision;

/// <summary>
/// Supervisor keeps one variant running the way a kubelet keeps a container running: start it (inside its
/// memory cgroup), classify every exit, wait out a CrashLoopBackOff-style delay, start it again — until the
/// token given to <see cref="RunAsync"/> is cancelled, then kill it and wait until it is gone.
/// </summary>
public sealed class Supervisor(
    string name, LaunchSpec spec, IMemoryCgroup? cgroup, SupervisorOptions options, TimeProvider time, Action<string>? log = null, long? runStart = null)
{
    private readonly List<ExitRecord> _exits = [];
    private readonly OutputTail _tail = new(40);
    private readonly long _runStart = runStart ?? time.GetTimestamp();
    private volatile Process? _process;

    /// <summary>The variant's name.</summary>
    public string Name => name;

    /// <summary>The cgroup the variant runs in, or null when it runs under the GC heap limit only.</summary>
    public IMemoryCgroup? Cgroup => cgroup;

    /// <summary>Where the variant is in its life cycle.</summary>
    public SupervisorState State { get; private set; } = SupervisorState.Pending;

    /// <summary>Pid of the running process, or null.</summary>
    public int? Pid => _process is { } p && State == SupervisorState.Running ? p.Id : null;

    /// <summary>Every pid this supervisor started, oldest first (tests assert none survives).</summary>
    public List<int> AllPids { get; } = [];

    /// <summary>Restarts so far (exits that were followed, or will be, by a new start).</summary>
    public int Restarts => Exits.Count(e => e.Reason != ExitReason.Stopped); // a copy taken under the lock: the live view reads it while exits are added

    /// <summary>When the next start is due while <see cref="SupervisorState.BackingOff"/>, in run time.</summary>
    public TimeSpan? NextStartAt { get; private set; }

    /// <summary>Time on the run's clock (since <c>runStart</c>, or since construction).</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_runStart);

    /// <summary>Every exit so far, oldest first.</summary>
    public IReadOnlyList<ExitRecord> Exits
    {
        get
        {
            lock (_exits)
            {
                return _exits.ToArray();
            }
        }
    }

    /// <summary>Runs the supervision loop until <paramref name="stop"/> is cancelled; never throws for that.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = new CrashLoopBackoff(options.Backoff, time);
        while (!stop.IsCancellationRequested)
        {
            var oomBefore = cgroup?.ReadOomKillCount() ?? 0;
            var startedAt = time.GetTimestamp();
            using var process = Start();
            backoff.OnStarted();
            using var incarnation = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var watchdog = options.LivenessUrl is null ? Task.FromResult(false) : WatchdogAsync(process, incarnation.Token);
            try
            {
                await process.WaitForExitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                // Stopping: fall through to the kill below.
            }

            incarnation.Cancel();
            var watchdogKilled = await watchdog;
            var stopRequested = stop.IsCancellationRequested && !process.HasExited;
            if (!process.HasExited)
            {
                await KillAsync(process);
            }

            var exitCode = process.HasExited ? process.ExitCode : -1;
            var (reason, detail) = ExitClassifier.Classify(
                exitCode, oomBefore, cgroup?.ReadOomKillCount() ?? 0, watchdogKilled, stopRequested || stop.IsCancellationRequested, _tail.Text);
            var record = new ExitRecord(Elapsed, exitCode, reason, detail, time.GetElapsedTime(startedAt));
            lock (_exits)
            {
                _exits.Add(record);
            }

            _process = null;
            log?.Invoke($"{name}: pid {process.Id} exited after {record.Uptime.TotalSeconds:0.0}s: {reason} ({detail})");
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var delay = backoff.OnExited();
            State = SupervisorState.BackingOff;
            NextStartAt = Elapsed + delay;
            log?.Invoke($"{name}: CrashLoopBackOff, restarting in {delay.TotalSeconds:0.#}s");
            try
            {
                await Task.Delay(delay, time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        State = SupervisorState.Stopped;
        NextStartAt = null;
    }

    private Process Start()
    {
        var process = new Process { StartInfo = spec.ToStartInfo(), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => _tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _tail.Add(e.Data);
        _tail.Clear();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (AllPids)
        {
            AllPids.Add(process.Id);
        }

        _process = process;
        NextStartAt = null;
        State = SupervisorState.Running;
        log?.Invoke($"{name}: started pid {process.Id}{(cgroup is null ? "" : $" in {cgroup.Path}")}");
        return process;
    }

    private async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        using var timeout = new CancellationTokenSource(options.StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            log?.Invoke($"{name}: pid {process.Id} did not exit within {options.StopTimeout.TotalSeconds}s of SIGKILL");
        }
    }

    /// <summary>Probes liveness; after the first success, kills the process on N consecutive failures and returns true.</summary>
    private async Task<bool> WatchdogAsync(Process process, CancellationToken token)
    {
        using var http = new HttpClient { Timeout = options.ProbeTimeout };
        var everHealthy = false;
        var failures = 0;
        try
        {
            while (!token.IsCancellationRequested && !process.HasExited)
            {
                await Task.Delay(options.ProbePeriod, time, token);
                bool ok;
                try
                {
                    using var response = await http.GetAsync(options.LivenessUrl, token);
                    ok = response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    ok = false;
                }

                everHealthy |= ok;
                failures = ok ? 0 : failures + 1;
                if (everHealthy && failures >= Math.Max(1, options.FailureThreshold))
                {
                    log?.Invoke($"{name}: liveness probe failed {failures} times in a row, killing pid {process.Id}");
                    process.Kill(entireProcessTree: true);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill.
        }

        return false;
    }
}
