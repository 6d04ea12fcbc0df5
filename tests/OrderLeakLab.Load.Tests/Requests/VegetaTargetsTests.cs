using System.Text;
using OrderLeakLab.Load.Requests;

namespace OrderLeakLab.Load.Tests.Requests;

public sealed class VegetaTargetsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vegeta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "targets.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_VegetaFile_RequestsWithHeadersBodiesAndOrigins()
    {
        File.WriteAllText(Path.Combine(_dir, "thing.json"), "{\"name\":\"x\"}");
        var path = Write("""
            # the example from Vegeta's README, shortened
            GET http://goku:9090/path/to/dragon?item=ball
            X-Account-ID: 8675309

            DELETE http://goku:9090/path/to/remove
            Confirmation-Token: 90215
            Authorization: Token DEADBEEF

            POST http://goku:9090/things
            @thing.json
            GET /healthz
            """);

        var targets = VegetaTargets.Read(path);

        Assert.Equal(["1:GET /path/to/dragon?item=ball", "1:DELETE /path/to/remove", "1:POST /things", "1:GET /healthz"], targets.Select(t => t.Request.ToString()));
        Assert.Equal(new Uri("http://goku:9090/"), targets[0].Origin);
        Assert.Null(targets[3].Origin);
        Assert.Equal(2, targets[1].Request.Headers.Count);
        Assert.Equal("{\"name\":\"x\"}", Encoding.UTF8.GetString(targets[2].Request.Body!));
        Assert.Equal([2, 5, 9, 11], targets.Select(t => t.Line));
    }

    [Theory]
    [InlineData("GET http://a/x\n\nFETCH http://a/y\n", ":3: unknown method 'FETCH'")]
    [InlineData("GET http://a/x\nnot a header\n", ":2: header 'not a header' must look like")]
    [InlineData("POST http://a/x\n@nowhere.json\n", ":2: the body file 'nowhere.json' does not exist")]
    [InlineData("GET a/x\n", ":1: 'a/x' is neither an http(s) URL nor a path")]
    [InlineData("# only a comment\n", ": no target in the file")]
    public void Read_BadLine_NamesFileAndLine(string text, string expected)
    {
        var path = Write(text);

        var error = Assert.Throws<FormatException>(() => VegetaTargets.Read(path));

        Assert.Contains(path + expected, error.Message, StringComparison.Ordinal);
    }
}
