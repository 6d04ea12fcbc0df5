using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Run;

namespace OrderLeakLab.Lab.Tests.Soak;

public class RestartDetectorTests
{
    private static readonly DateTimeOffset RunStart = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private const long Limit = 256L << 20;

    [Fact]
    public void Observe_StartTimeChangesAfterWorkingSetNearLimit_RecordsInferredOomKill()
    {
        var detector = new RestartDetector();
        var samples = new List<TargetSample>();
        Step(detector, samples, 1, rss: 100L << 20, start: 1_799_999_990);
        Step(detector, samples, 2, rss: 250L << 20, start: 1_799_999_990);
        Step(detector, samples, 3, rss: 60L << 20, start: 1_800_000_002.5);
        Step(detector, samples, 4, rss: 70L << 20, start: 1_800_000_002.5);

        var exit = Assert.Single(detector.Exits);
        Assert.Equal(ExitReason.OomKilled, exit.Reason);
        Assert.Equal(TimeSpan.FromSeconds(2.5), exit.Elapsed);
        Assert.Contains("inferred OOM", exit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_StartTimeChangesWellBelowLimit_RecordsCrash()
    {
        var detector = new RestartDetector();
        var samples = new List<TargetSample>();
        Step(detector, samples, 1, rss: 100L << 20, start: 1_799_999_990);
        Step(detector, samples, 2, rss: null, start: null, up: false);
        Step(detector, samples, 3, rss: 60L << 20, start: 1_800_000_002);

        Assert.Equal(ExitReason.Crash, Assert.Single(detector.Exits).Reason);
    }

    [Fact]
    public void Observe_SameStartTimeThroughout_RecordsNothing()
    {
        var detector = new RestartDetector();
        var samples = new List<TargetSample>();
        for (var i = 1; i <= 5; i++)
        {
            Step(detector, samples, i, rss: 100L << 20, start: 1_799_999_990);
        }

        Assert.Empty(detector.Exits);
    }

    private static void Step(RestartDetector detector, List<TargetSample> samples, int second, long? rss, double? start, bool up = true)
    {
        var reading = up ? new MetricsReading(true, rss, Limit, 0, null, null, start) : MetricsReading.Down;
        var elapsed = TimeSpan.FromSeconds(second);
        detector.Observe(reading, elapsed, RunStart + elapsed, samples);
        samples.Add(reading.ToSample(elapsed));
    }
}
