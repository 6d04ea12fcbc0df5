using System.Text;
using OrderLeakLab.Load.Requests;

namespace OrderLeakLab.Load.Tests.Requests;

public sealed class RequestArgumentsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("requests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<RequestTemplate> Parse(params string[] args) => RequestArguments.Parse(RequestArguments.Pairs(args), _dir);

    [Fact]
    public void Parse_HeadersAndBodies_ApplyToTheRequestBeforeThem()
    {
        File.WriteAllText(Path.Combine(_dir, "order.json"), "{\"sku\":\"A\"}");

        var requests = Parse(
            "soak", "--target", "app=http://127.0.0.1:5000", "--request", "3:GET /api/items?page=2", "--header", "X-Tenant: blue",
            "--request=post /api/orders", "--body", "@order.json", "--header", "Authorization: Bearer t",
            "--request", "PUT /api/notes/1", "--body", "hello", "--", "dotnet", "app.dll", "--request", "GET /ignored");

        Assert.Equal(["3:GET /api/items?page=2", "1:POST /api/orders", "1:PUT /api/notes/1"], requests.Select(r => r.ToString()));
        Assert.Equal([new KeyValuePair<string, string>("X-Tenant", "blue")], requests[0].Headers);
        Assert.Null(requests[0].Body);
        Assert.Equal("{\"sku\":\"A\"}", Encoding.UTF8.GetString(requests[1].Body!));
        Assert.Equal("application/json", requests[1].BodyMediaType);
        Assert.Equal("Authorization", requests[1].Headers.Single().Key);
        Assert.Equal("text/plain; charset=utf-8", requests[2].BodyMediaType);
    }

    [Fact]
    public void Parse_NoRequestOption_NoRequests()
    {
        Assert.Empty(Parse("--target", "app=http://127.0.0.1:5000", "--rate", "10"));
    }

    [Theory]
    [InlineData("unknown method 'FETCH'", "--request", "FETCH /a")]
    [InlineData("the path 'api/items' must start with '/'", "--request", "GET api/items")]
    [InlineData("must look like \"GET /path\"", "--request", "GET")]
    [InlineData("the weight before ':' must be a whole number from 1 to 1000", "--request", "0:GET /a")]
    [InlineData("must follow the --request it belongs to", "--header", "X-A: b")]
    [InlineData("must look like \"Name: value\"", "--request", "GET /a", "--header", "no colon")]
    [InlineData("does not exist", "--request", "POST /a", "--body", "@missing.json")]
    [InlineData("has a body already", "--request", "POST /a", "--body", "x", "--body", "y")]
    [InlineData("--request needs a value", "--request")]
    public void Parse_BadInput_OneClearLine(string expected, params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
