using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderLeakLab.Lab.Report;

namespace OrderLeakLab.Lab.Tests.Report;

/// <summary>Opens report.html in real headless Chromium: the charts must lay out and paint.</summary>
public sealed partial class ReportHtmlRenderingTests : IDisposable
{
    /// <summary>A copy of the last screenshot, kept after the run (not a temp folder that is deleted) so a person can look at it.</summary>
    public static readonly string ScreenshotPath = Path.Combine(Path.GetTempPath(), "leaklab-report-screenshot", "report.png");

    private readonly string directory = Directory.CreateTempSubdirectory("leaklab-html-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ReportHtml_InChromium_EveryChartPathHasLength()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        // A probe copy measures the laid-out SVG geometry inside the browser and leaves it in the DOM.
        var probe = Path.Combine(directory, "probe.html");
        var html = await File.ReadAllTextAsync(Path.Combine(directory, "report.html"));
        await File.WriteAllTextAsync(probe, html.Replace("</body>", """
            <script>
            const m = [...document.querySelectorAll('svg.chart path.series')].map(p => ({ s: p.dataset.series, chart: p.ownerSVGElement.id, d: p.getAttribute('d').length, len: p.getTotalLength(), w: p.getBBox().width }));
            document.body.setAttribute('data-probe', JSON.stringify(m));
            </script></body>
            """, StringComparison.Ordinal));

        var dom = await HeadlessChromium.DumpDomAsync(probe);

        var measured = JsonDocument.Parse(WebUtility.HtmlDecode(ProbeAttribute().Match(dom).Groups[1].Value)).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, measured.Select(m => m.GetProperty("chart").GetString()).Distinct().Count());
        Assert.Contains(measured, m => m.GetProperty("s").GetString() == "leaky RSS");
        Assert.Contains(measured, m => m.GetProperty("s").GetString() == "fixed workers");
        Assert.All(measured, m =>
        {
            Assert.True(m.GetProperty("d").GetInt32() > 0);
            Assert.True(m.GetProperty("len").GetDouble() > 100, $"{m.GetProperty("s")} has no length");
            Assert.True(m.GetProperty("w").GetDouble() > 100, $"{m.GetProperty("s")} is not laid out");
        });
    }

    [Fact]
    public async Task ReportHtml_Screenshot_PaintsBothVariantsColours()
    {
        await ReportWriter.WriteAsync(SampleReports.Demo(), directory);
        // Into this test's own folder: the kept path is shared by every run on the machine (CI and several people's test
        // runs at once here), and one run deleting or rewriting it while another read it made this test fail under load.
        var png = Path.Combine(directory, "report.png");

        await HeadlessChromium.ScreenshotAsync(Path.Combine(directory, "report.html"), png, 1400, 2600);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        File.Copy(png, ScreenshotPath, overwrite: true);
        var image = PngImage.Load(png);
        Assert.Equal(1400, image.Width);
        int nonWhite = 0, red = 0, blue = 0;
        for (var i = 0; i < image.Rgb.Length; i += 3)
        {
            var (r, g, b) = (image.Rgb[i], image.Rgb[i + 1], image.Rgb[i + 2]);
            nonWhite += r < 240 || g < 240 || b < 240 ? 1 : 0;
            red += Near(r, g, b, 0xd6, 0x27, 0x28) ? 1 : 0;   // leaky
            blue += Near(r, g, b, 0x1f, 0x77, 0xb4) ? 1 : 0;  // fixed
        }

        var pixels = image.Width * image.Height;
        Assert.True(nonWhite > pixels / 50, $"only {nonWhite} of {pixels} pixels painted");
        Assert.True(red > 2000, $"leaky's red drawn in {red} pixels");
        Assert.True(blue > 2000, $"fixed's blue drawn in {blue} pixels");
    }

    private static bool Near(byte r, byte g, byte b, int er, int eg, int eb) =>
        Math.Abs(r - er) < 24 && Math.Abs(g - eg) < 24 && Math.Abs(b - eb) < 24;

    [GeneratedRegex("data-probe=\"([^\"]*)\"")]
    private static partial Regex ProbeAttribute();
}
