using OrderLeakLab.OrderService.Options;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Options;

public class OrdersOptionsValidatorTests
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("")]
    public async Task Start_UnknownVariant_RefusesNamingAllowedValues(string variant)
    {
        var (exitCode, output) = await OrderServiceProcess.RunToExitAsync(new() { Variant = variant, StartupTimeout = TimeSpan.FromSeconds(60) });

        Assert.Equal(2, exitCode);
        Assert.Contains("Orders__Variant must be one of 'leaky', 'fixed'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownLeakPattern_RefusesListingEveryPattern()
    {
        var (exitCode, output) = await OrderServiceProcess.RunToExitAsync(new()
        {
            Variant = "leaky",
            Environment = new Dictionary<string, string?> { ["Orders__Leak"] = "leaky-bucket" },
            StartupTimeout = TimeSpan.FromSeconds(60),
        });

        Assert.Equal(2, exitCode);
        Assert.Contains(
            "Orders__Leak must be one of blocked-send, blocked-receive, endless-loop, unstopped-timer, token-not-propagated, " +
            "duplicate-watcher, undisposed-linked-token, sync-over-async; got 'leaky-bucket'.",
            output,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blocked-send")]
    [InlineData(" Sync-Over-Async ")]
    public void Validate_KnownLeakPattern_Succeeds(string leak) =>
        Assert.True(new OrdersOptionsValidator().Validate(null, new OrdersOptions { Variant = "leaky", Leak = leak }).Succeeded);

    [Theory]
    [InlineData("leaky")]
    [InlineData("FIXED")]
    public void Validate_KnownVariant_Succeeds(string variant) =>
        Assert.True(new OrdersOptionsValidator().Validate(null, new OrdersOptions { Variant = variant }).Succeeded);

    [Fact]
    public void Validate_WorkMaxBelowWorkMin_FailsNamingBoth()
    {
        var options = new OrdersOptions { Variant = "fixed", WorkMin = TimeSpan.FromSeconds(2), WorkMax = TimeSpan.FromSeconds(1) };

        var result = new OrdersOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Orders__WorkMax must lie between Orders__WorkMin", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroDeadline_Fails() =>
        Assert.True(new OrdersOptionsValidator().Validate(null, new OrdersOptions { Variant = "fixed", Deadline = TimeSpan.Zero }).Failed);
}
