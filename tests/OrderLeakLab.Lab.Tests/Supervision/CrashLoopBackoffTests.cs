using OrderLeakLab.Lab.Supervision;
using Microsoft.Extensions.Time.Testing;

namespace OrderLeakLab.Lab.Tests.Supervision;

public class CrashLoopBackoffTests
{
    [Fact]
    public void OnExited_Kubernetes_DoublesFromTenSecondsToFiveMinutes()
    {
        var clock = new FakeTimeProvider();
        var backoff = new CrashLoopBackoff(BackoffOptions.Kubernetes, clock);
        var delays = Enumerable.Range(0, 8).Select(_ =>
        {
            backoff.OnStarted();
            clock.Advance(TimeSpan.FromSeconds(39));
            return backoff.OnExited().TotalSeconds;
        });
        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], delays);
    }

    [Fact]
    public void OnExited_Compressed_DoublesFromOneSecondToThirty()
    {
        var clock = new FakeTimeProvider();
        var backoff = new CrashLoopBackoff(BackoffOptions.Compressed, clock);
        var delays = Enumerable.Range(0, 7).Select(_ =>
        {
            backoff.OnStarted();
            clock.Advance(TimeSpan.FromSeconds(39));
            return backoff.OnExited().TotalSeconds;
        });
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
    }

    [Fact]
    public void OnExited_AfterTenMinutesHealthy_ResetsToTenSeconds()
    {
        var clock = new FakeTimeProvider();
        var backoff = new CrashLoopBackoff(BackoffOptions.Kubernetes, clock);
        for (var i = 0; i < 4; i++)
        {
            backoff.OnStarted();
            clock.Advance(TimeSpan.FromSeconds(5));
            backoff.OnExited();
        }

        backoff.OnStarted();
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.OnExited());
        backoff.OnStarted();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.OnExited());
    }

    [Fact]
    public void OnExited_JustUnderResetWindow_KeepsDoubling()
    {
        var clock = new FakeTimeProvider();
        var backoff = new CrashLoopBackoff(BackoffOptions.Kubernetes, clock);
        backoff.OnStarted();
        backoff.OnExited();
        backoff.OnStarted();
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.OnExited());
    }

    [Theory]
    [InlineData(0, 10, 60)]
    [InlineData(10, 5, 60)]
    [InlineData(1, 10, 0)]
    public void Validate_OutOfRange_SaysWhat(double initial, double max, double reset) =>
        Assert.NotNull(new BackoffOptions(TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(max), TimeSpan.FromSeconds(reset)).Validate());
}
