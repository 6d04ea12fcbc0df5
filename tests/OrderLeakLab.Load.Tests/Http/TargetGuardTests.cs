using OrderLeakLab.Load.Http;

namespace OrderLeakLab.Load.Tests.Http;

public class TargetGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://[::1]:5081")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://127.3.4.5:80")]
    public async Task CheckAsync_Loopback_Allowed(string url) =>
        Assert.Null(await TargetGuard.CheckAsync(new Uri(url), allowRemote: false));

    [Fact]
    public async Task CheckAsync_RemoteAddress_RefusedWithReasonAndWayOut()
    {
        var message = await TargetGuard.CheckAsync(new Uri("http://10.1.2.3:8080"), allowRemote: false);

        Assert.NotNull(message);
        Assert.Contains("not a loopback address", message);
        Assert.Contains("--allow-remote", message);
    }

    [Fact]
    public async Task CheckAsync_RemoteAllowed_Accepted() =>
        Assert.Null(await TargetGuard.CheckAsync(new Uri("http://10.1.2.3:8080"), allowRemote: true));

    [Fact]
    public async Task CheckAsync_NotHttp_Refused() =>
        Assert.Contains("http", await TargetGuard.CheckAsync(new Uri("ftp://127.0.0.1/"), allowRemote: true));
}
