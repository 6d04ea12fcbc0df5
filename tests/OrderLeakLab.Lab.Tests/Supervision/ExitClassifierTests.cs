using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Tests.Supervision;

public class ExitClassifierTests
{
    [Fact]
    public void Classify_SigKillWithOomCounterRisen_IsOomKilled()
    {
        var (reason, detail) = ExitClassifier.Classify(137, 2, 3, false, false, "");
        Assert.Equal(ExitReason.OomKilled, reason);
        Assert.Contains("2→3", detail);
    }

    [Fact]
    public void Classify_SigKillWithoutOomCounter_IsCrashNotOom() =>
        Assert.Equal(ExitReason.Crash, ExitClassifier.Classify(137, 3, 3, false, false, "").Reason);

    [Fact]
    public void Classify_AbortAfterOutOfMemory_IsOutOfMemoryException() =>
        Assert.Equal(ExitReason.OutOfMemoryException, ExitClassifier.Classify(134, 0, 0, false, false, "info: x\nOut of memory.").Reason);

    [Fact]
    public void Classify_KilledByWatchdog_IsWatchdog() =>
        Assert.Equal(ExitReason.Watchdog, ExitClassifier.Classify(137, 0, 0, true, false, "").Reason);

    [Fact]
    public void Classify_StopRequested_IsStoppedWhateverTheCode() =>
        Assert.Equal(ExitReason.Stopped, ExitClassifier.Classify(137, 0, 1, false, true, "Out of memory.").Reason);

    [Fact]
    public void Classify_PlainNonZeroExit_IsCrash() =>
        Assert.Equal((ExitReason.Crash, "exit 3"), ExitClassifier.Classify(3, 0, 0, false, false, "boom"));
}
