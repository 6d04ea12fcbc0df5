using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;
using static OrderLeakLab.Lab.Tests.Verdict.SyntheticTimeline;

namespace OrderLeakLab.Lab.Tests.Report;

/// <summary>A demo-shaped report: a leaky OOM loop beside a flat fixed variant, judged by the real evaluator.</summary>
internal static class SampleReports
{
    public static RunReport Demo(string? partial = null)
    {
        var leaky = Sawtooth("leaky", 8);
        var fixedTimeline = Build("fixed", t => (t < 10 ? 60 : 60 + Math.Min(70, 14.0 * (t - 10)), t is >= 10 and < 70 ? 500 : 0), noiseMiB: 4, limitBytes: 256L << 20);
        IReadOnlyList<TargetTimeline> timelines = [leaky, fixedTimeline];
        var verdicts = timelines.Select(t => VerdictEvaluator.Evaluate(t, Phases)).ToList();
        var expectation = Expectation.Evaluate(Expectation.ParseList("leaky=leak,fixed=flat"), verdicts);
        return new RunReport("leaklab demo", new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero), Phases, timelines, verdicts, expectation, partial)
        {
            Notes = ["memory limit 256 MiB per variant (cgroup v1), --oom kernel, 1000 req/s"],
            ParkedWorkers =
            [
                new ParkedWorkersRow("leaky", "CheckoutWorker.RunAsync (state 1)", "ChannelWriter<OrderResult>.WriteAsync", 21_344, TimeSpan.FromSeconds(35)),
                new ParkedWorkersRow("leaky", "Task.Delay <pipe|test>", "", 12, null),
            ],
        };
    }
}
