using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Report;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// RunReporter ends a run: a verdict per target (the time series judged by <see cref="VerdictEvaluator"/>, the heap
/// evidence first, the leak site last), the expectation, the report folder, the summary on the console, and the
/// exit code (0 held, 1 not held or failed, 130 interrupted).
/// </summary>
public sealed class RunReporter(RunPlan plan, TextWriter output, TextWriter error)
{
    /// <summary>Judges, writes the report and the summary, and returns the exit code.</summary>
    public async Task<int> FinishAsync(
        RunOutcome outcome, IReadOnlyList<RunTarget> targets, HeapProbe heap, LeakSiteProbe? probe, IReadOnlyList<string> notes, TokenRegistrationProbe? registrations = null)
    {
        var report = Build(outcome, targets, heap, probe, notes, registrations);
        try
        {
            var paths = await ReportWriter.WriteAsync(report, plan.ReportDirectory, CancellationToken.None);
            output.WriteLine($"report{(report.IsPartial ? " (PARTIAL)" : "")}: {string.Join(", ", paths)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{plan.Title}: could not write the report to {plan.ReportDirectory}: {e.Message}");
        }

        RunSummary.Write(output, report, targets);
        return outcome.InterruptedBy is not null ? ExitCodes.Interrupted
            : outcome.Partial is not null ? ExitCodes.ExpectationFailed
            : report.Expectation?.ExitCode ?? ExitCodes.Success;
    }

    /// <summary>The report of the run: phases, timelines, verdicts with their evidence, expectation, notes.</summary>
    public RunReport Build(
        RunOutcome outcome, IReadOnlyList<RunTarget> targets, HeapProbe heap, LeakSiteProbe? probe, IReadOnlyList<string> notes, TokenRegistrationProbe? registrations = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var end = outcome.End;
        var phases = new RunPhases(outcome.LoadStart ?? end, outcome.LoadEnd ?? end, end);
        var timelines = targets.Select(t => t.ToTimeline()).ToList();
        var verdicts = timelines.Select(t =>
        {
            var verdict = VerdictEvaluator.Evaluate(t, phases, plan.Verdict);
            verdict = HeapEvidence.Apply(verdict, heap.At(t.Name, HeapMoment.EndOfBaseline), heap.At(t.Name, HeapMoment.EndOfCooldown), plan.Heap, plan.Verdict);
            verdict = RegistrationEvidence.Apply(verdict, registrations?.For(t.Name), plan.Verdict);
            return probe?.FindingFor(t.Name) is { } finding ? verdict with { Evidence = [.. verdict.Evidence, .. finding.Evidence] } : verdict;
        }).ToList();
        var expectation = plan.Expect.Count > 0 ? Expectation.Evaluate(plan.Expect, verdicts) : null;
        List<string> allNotes;
        lock (notes)
        {
            allNotes = [.. notes];
        }

        allNotes.Add(FormattableString.Invariant(
            $"{plan.Rate} req/s per target ({plan.Load.Description}); baseline {DurationFormat.Typed(plan.Baseline)}, load {DurationFormat.Typed(plan.Duration)}, cooldown {DurationFormat.Typed(plan.Cooldown)}"));
        allNotes.AddRange(plan.Contract?.Describe(timelines, phases) ?? []);
        if (probe is { Started: false })
        {
            allNotes.Add($"no inspection: no launched .NET target's memory reached {plan.InspectAtPercent}% of its limit while it ran");
        }

        return new RunReport(plan.Title, outcome.StartedAt, phases, timelines, verdicts, expectation, outcome.Partial)
        {
            Notes = allNotes,
            ParkedWorkers = probe?.ParkedRows() ?? [],
        };
    }
}
