using System.Diagnostics;
using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

/// <summary>The one /proc reader, checked against what the kernel and the runtime say of this very process.</summary>
public class ProcStatTests
{
    [Fact]
    public async Task ClockTicksPerSecond_IsWhatGetconfSays()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
        var text = await getconf.StandardOutput.ReadToEndAsync();
        await getconf.WaitForExitAsync();

        Assert.Equal(double.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture), ProcStat.ClockTicksPerSecond);
    }

    [Fact]
    public void ReadCpuSeconds_Self_AgreesWithTheRuntime()
    {
        var pid = Environment.ProcessId;
        var before = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var cpu = ProcStat.ReadCpuSeconds(pid);
        var after = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

        Assert.NotNull(cpu);
        // /proc counts user and system time in whole ticks, each truncated: up to two ticks below the runtime's figure.
        var tick = 1 / ProcStat.ClockTicksPerSecond;
        Assert.InRange(cpu.Value, before - 2 * tick, after + tick);
    }

    [Fact]
    public void ReadStatus_Self_HasMemoryAndThreads()
    {
        using var self = Process.GetCurrentProcess();
        var status = ProcStat.ReadStatus(self.Id);

        Assert.NotNull(status);
        Assert.True(status.RssBytes > 1 << 20, $"RSS {status.RssBytes}");
        Assert.True(status.Threads >= 1, $"threads {status.Threads}");
    }

    [Fact]
    public void Read_ExitedProcess_Null()
    {
        using var exited = Process.Start(new ProcessStartInfo("true"))!;
        exited.WaitForExit();

        Assert.Null(ProcStat.ReadStatus(exited.Id));
        Assert.Null(ProcStat.ReadCpuSeconds(exited.Id));
        Assert.Null(ProcStat.ReadThreads(exited.Id));
    }
}
