using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// TargetLauncher starts the launched targets of a run the way a kubelet runs containers: each in its own memory
/// cgroup (or under the GC heap hard limit without cgroup rights), supervised with CrashLoopBackOff-style restarts;
/// <see cref="StopAsync"/> ends every incarnation and removes every cgroup, whatever state the run is in.
/// </summary>
public sealed class TargetLauncher
{
    private readonly string _runId = Guid.NewGuid().ToString("n")[..8];
    private readonly TimeProvider _time;
    private readonly long _runStart;
    private readonly Action<string> _log;
    private readonly Action<string> _note;
    private readonly List<IMemoryCgroup> _cgroups = [];
    private readonly List<Supervisor> _supervisors = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private MemoryCgroupHost? _host;
    private bool _opened;

    /// <summary>Creates a launcher on the run's clock; <paramref name="note"/> gets lines for the report, <paramref name="log"/> events.</summary>
    public TargetLauncher(TimeProvider time, long runStart, Action<string> log, Action<string> note) =>
        (_time, _runStart, _log, _note) = (time, runStart, log, note);

    /// <summary>Opens the lab's parent cgroup (once) and sweeps what killed runs left there.</summary>
    public async Task OpenAsync(long limitBytes, OomMode oom)
    {
        _opened = true;
        _host = MemoryCgroupHost.TryOpen(out var whyNot);
        _note(_host is null
            ? $"no cgroup rights ({whyNot}): falling back to the GC heap hard limit {StatusText.Mi(limitBytes)} per target; exits will be managed OutOfMemoryException, not OOMKilled"
            : $"run {_runId}: memory limit {StatusText.Mi(limitBytes)} per target via {_host.Kind} under {_host.ParentPath}; --oom {oom.ToString().ToLowerInvariant()}");
        foreach (var stale in _host is null ? [] : await _host.SweepStaleAsync())
        {
            _note($"removed stale cgroup {stale} left by an earlier run");
        }
    }

    /// <summary>Creates the cgroup and the supervisor of <paramref name="target"/>; nothing runs until <see cref="Start"/>.</summary>
    public Supervisor Launch(TargetPlan target)
    {
        var launch = target.Launch ?? throw new ArgumentException($"{target.Name} is attached, not launched", nameof(target));
        if (!_opened)
        {
            throw new InvalidOperationException("OpenAsync first");
        }

        var cgroup = _host?.Create(_runId, target.Name, launch.MemoryLimitBytes);
        if (cgroup is not null)
        {
            _cgroups.Add(cgroup);
        }

        var options = new SupervisorOptions
        {
            Backoff = launch.Backoff,
            LivenessUrl = launch.Oom == OomMode.Managed || cgroup is null ? launch.LivenessUrl ?? launch.ReadyUrl : null,
        };
        var supervisor = new Supervisor(target.Name, launch.Spec(cgroup), cgroup, options, _time, _log, _runStart);
        _supervisors.Add(supervisor);
        return supervisor;
    }

    /// <summary>Starts every supervisor created so far.</summary>
    public void Start() => _running.AddRange(_supervisors.Select(s => Task.Run(() => s.RunAsync(_stop.Token))));

    /// <summary>Kills every incarnation, waits until each is gone, removes the cgroups (and the parent when no other run uses it).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        foreach (var cgroup in _cgroups)
        {
            if (!await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)))
            {
                _note($"could not remove cgroup {cgroup.Path}; the next run sweeps it");
            }
        }

        if (_supervisors.Count == 0)
        {
            return;
        }

        var parentGone = _host?.TryRemoveParentIfEmpty() == true; // left when another run still has its cgroups there
        _log($"stopped: every child ended{(_cgroups.Count > 0 ? ", cgroups removed" : "")}{(parentGone ? $", {_host!.ParentPath} removed" : "")}");
    }
}
