using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class ExpectationTests
{
    [Fact]
    public void ParseList_DemoDefault_ReadsBothTerms()
    {
        var list = Expectation.ParseList("leaky=leak, fixed=FLAT");
        Assert.Equal([new Expectation("leaky", VerdictOutcome.Leak), new Expectation("fixed", VerdictOutcome.Flat)], list);
        Assert.Equal(VerdictOutcome.Flat, Expectation.ParseList("app=no-leak")[0].Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("leaky")]
    [InlineData("leaky=maybe")]
    [InlineData("=leak")]
    [InlineData("a=leak,A=flat")]
    public void ParseList_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => Expectation.ParseList(text));

    [Fact]
    public void Evaluate_AllMatch_HeldExitZero()
    {
        var result = Expectation.Evaluate(Expectation.ParseList("leaky=leak,fixed=flat"), [Verdict("leaky", VerdictOutcome.Leak), Verdict("fixed", VerdictOutcome.Flat)]);
        Assert.True(result.Held);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Evaluate_OneDiffers_NotHeldExitOneAndSaysWhat()
    {
        var result = Expectation.Evaluate(Expectation.ParseList("leaky=leak,fixed=flat"), [Verdict("leaky", VerdictOutcome.Flat), Verdict("fixed", VerdictOutcome.Flat)]);
        Assert.False(result.Held);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("leaky=leak ✗ (got flat)", result.ToString());
    }

    [Fact]
    public void Evaluate_UnknownTarget_NotHeld()
    {
        var result = Expectation.Evaluate(Expectation.ParseList("leakyy=leak"), [Verdict("leaky", VerdictOutcome.Leak)]);
        Assert.False(result.Held);
        Assert.Null(result.Checks[0].Actual);
    }

    private static TargetVerdict Verdict(string name, VerdictOutcome outcome) =>
        new(name, outcome, [], 0, [], null, null, null, null, null, null, null, null);
}
