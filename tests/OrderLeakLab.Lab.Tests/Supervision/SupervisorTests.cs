using System.Net;
using System.Net.Sockets;
using System.Text;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Tests.Cgroups;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Supervision;

public class SupervisorTests
{
    private static readonly BackoffOptions Fast = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromHours(1));
    private static readonly IReadOnlyDictionary<string, string?> NoEnv = new Dictionary<string, string?>();

    [Fact]
    public async Task RunAsync_MemoryHogInCgroup_KernelOomKillsItAndItIsRestarted()
    {
        var cgroup = MemoryCgroupHostTests.OpenHost().Create("t" + Guid.NewGuid().ToString("n")[..6], "hog", 32L * 1024 * 1024);
        // `tail` buffers a "line" that never ends: memory grows until the cgroup's limit and the kernel OOM-kills it.
        var spec = new LaunchSpec("tail", ["/dev/zero"], NoEnv, cgroup.ProcsFile);
        var supervisor = new Supervisor("hog", spec, cgroup, new SupervisorOptions { Backoff = Fast }, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = supervisor.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => supervisor.Exits.Count(e => e.Reason == ExitReason.OomKilled) >= 2, TimeSpan.FromSeconds(90), "two OOM kills");
            var first = supervisor.Exits[0];
            Assert.Equal(ExitReason.OomKilled, first.Reason);
            Assert.Equal(137, first.ExitCode);
            Assert.Contains("oom_kill 0→1", first.Detail);
            Assert.True(cgroup.ReadOomKillCount() >= 2);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            Assert.True(await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)));
        }

        Assert.All(supervisor.AllPids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
    }

    [Fact]
    public async Task RunAsync_InCgroup_ProgramItselfIsInsideBeforeItRuns()
    {
        var cgroup = MemoryCgroupHostTests.OpenHost().Create("t" + Guid.NewGuid().ToString("n")[..6], "sleep", 64L * 1024 * 1024);
        var supervisor = new Supervisor("sleep", new LaunchSpec("sleep", ["300"], NoEnv, cgroup.ProcsFile), cgroup, new SupervisorOptions(), TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = supervisor.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => supervisor.Pid is not null, TimeSpan.FromSeconds(30), "a pid");
            var pid = supervisor.Pid!.Value;
            await Eventually.UntilAsync(() => File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep", TimeSpan.FromSeconds(30), "the wrapper exec()s sleep");
            Assert.Contains(pid, cgroup.ReadPids());
            Assert.Contains(Path.GetFileName(cgroup.Path), File.ReadAllText($"/proc/{pid}/cgroup"));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10));
        }

        Assert.Equal(ExitReason.Stopped, Assert.Single(supervisor.Exits).Reason);
        Assert.All(supervisor.AllPids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
    }

    [Fact]
    public async Task RunAsync_CrashingProcess_RestartsAndClassifiesCrash()
    {
        var spec = new LaunchSpec("/bin/sh", ["-c", "echo failing >&2; exit 3"], NoEnv, null);
        var supervisor = new Supervisor("crashy", spec, null, new SupervisorOptions { Backoff = Fast }, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = supervisor.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => supervisor.Restarts >= 3, TimeSpan.FromSeconds(60), "three restarts");
        await stop.CancelAsync();
        await run;
        Assert.All(supervisor.Exits.Where(e => e.Reason != ExitReason.Stopped), e => Assert.Equal((ExitReason.Crash, 3), (e.Reason, e.ExitCode)));
        Assert.Equal(SupervisorState.Stopped, supervisor.State);
    }

    [Fact]
    public async Task RunAsync_LivenessProbeStopsAnswering_WatchdogKills()
    {
        using var probe = new FlakyHealthEndpoint();
        var options = new SupervisorOptions
        {
            Backoff = new BackoffOptions(TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)),
            LivenessUrl = probe.Url,
            ProbePeriod = TimeSpan.FromMilliseconds(100),
            FailureThreshold = 3,
        };
        var supervisor = new Supervisor("hung", new LaunchSpec("sleep", ["300"], NoEnv, null), null, options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = supervisor.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => probe.Served >= 2, TimeSpan.FromSeconds(60), "healthy probes");
            probe.Healthy = false;
            await Eventually.UntilAsync(() => supervisor.Exits.Count > 0, TimeSpan.FromSeconds(60), "the watchdog's kill");
            Assert.Equal(ExitReason.Watchdog, supervisor.Exits[0].Reason);
            Assert.Equal(SupervisorState.BackingOff, supervisor.State);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        Assert.All(supervisor.AllPids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
    }

    /// <summary>A /healthz that answers 200 until told otherwise, then 503.</summary>
    private sealed class FlakyHealthEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _served;

        public FlakyHealthEndpoint()
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/healthz");
            _ = Task.Run(ServeAsync);
        }

        public Uri Url { get; }

        public volatile bool Healthy = true;

        public int Served => Volatile.Read(ref _served);

        private async Task ServeAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    var status = Healthy ? "200 OK" : "503 Service Unavailable";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
                    Interlocked.Increment(ref _served);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
