using OrderLeakLab.Inspect;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class RegistrationEvidenceTests
{
    private static TargetVerdict Flat() => new(
        "app", VerdictOutcome.Flat, ["no restarts"], 0, [], null, null, null, null, 0, 0, null, null);

    [Fact]
    public void Apply_ThousandsOfLinkedSourcesLeftOnApplicationStopping_MemoryLeakWithTheCountFirst()
    {
        var groups = new[] { new TokenRegistrationGroup("IHostApplicationLifetime.ApplicationStopping", 15_002, "CancellationTokenSource.Linked2CancellationTokenSource", 15_000) };

        var verdict = RegistrationEvidence.Apply(Flat(), groups);

        Assert.Equal(VerdictOutcome.Leak, verdict.Outcome);
        Assert.Equal([LeakKind.Memory], verdict.Kinds);
        Assert.Equal(
            "after cooldown and a full GC: 15,002 registrations on IHostApplicationLifetime.ApplicationStopping (15,000 of CancellationTokenSource.Linked2CancellationTokenSource: linked token sources never disposed)",
            verdict.Evidence[0]);
    }

    [Fact]
    public void Apply_NoSourceWithManyRegistrations_StaysFlatWithASupportingLine()
    {
        var verdict = RegistrationEvidence.Apply(Flat(), []);

        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Equal("after cooldown and a full GC: no token source holds many registrations", verdict.Evidence[^1]);
    }

    [Fact]
    public void Apply_AFewHundredRegistrations_BelowTheThresholdStaysFlat()
    {
        var groups = new[] { new TokenRegistrationGroup("IHostApplicationLifetime.ApplicationStopping", 240, "CancellationCallbackInfo", 240) };

        var verdict = RegistrationEvidence.Apply(Flat(), groups);

        Assert.Equal(VerdictOutcome.Flat, verdict.Outcome);
        Assert.Contains("at most 240 registrations on one token source", verdict.Evidence[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NotCounted_Unchanged()
    {
        var flat = Flat();

        Assert.Same(flat, RegistrationEvidence.Apply(flat, null));
    }
}
