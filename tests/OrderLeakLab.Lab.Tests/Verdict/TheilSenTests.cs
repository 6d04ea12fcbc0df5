using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class TheilSenTests
{
    [Fact]
    public void Fit_LineWithOutliers_RecoversTheLine()
    {
        var points = Enumerable.Range(0, 50).Select(i => (X: (double)i, Y: 10 + (2.0 * i))).ToList();
        points[10] = (10, 5000);
        points[30] = (30, -400);
        points[31] = (31, 9000);
        var fit = TheilSen.Fit(points)!.Value;
        Assert.Equal(2.0, fit.Slope, 6);
        Assert.Equal(10.0, fit.Intercept, 6);
    }

    [Fact]
    public void Fit_ManyPoints_StaysExactOnAThinnedSubset()
    {
        var points = Enumerable.Range(0, 5000).Select(i => (X: i / 10.0, Y: 3 - (0.5 * i / 10.0))).ToList();
        Assert.Equal(-0.5, TheilSen.Fit(points)!.Value.Slope, 6);
    }

    [Fact]
    public void Fit_SingleX_ReturnsNull() => Assert.Null(TheilSen.Fit([(1, 2), (1, 3)]));

    [Fact]
    public void Median_EvenCount_AveragesTheMiddle() => Assert.Equal(2.5, TheilSen.Median([4, 1, 2, 3]));
}
