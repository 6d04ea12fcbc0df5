using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

public class ByteFormatTests
{
    [Theory]
    [InlineData(512d, "512 B")]
    [InlineData(4096d, "4.0 KiB")]
    [InlineData(12.5 * 1024 * 1024, "12.5 MiB")]
    [InlineData(1.5 * 1024 * 1024 * 1024, "1.50 GiB")]
    [InlineData(-3d * 1024 * 1024, "-3.0 MiB")]
    [InlineData(null, "–")]
    public void Human_PicksTheLargestUnit(double? bytes, string expected) => Assert.Equal(expected, ByteFormat.Human(bytes));

    [Theory]
    [InlineData(254d * 1024 * 1024, "254Mi")]
    [InlineData(null, "–")]
    public void Mi_WholeMebibytes(double? bytes, string expected) => Assert.Equal(expected, ByteFormat.Mi(bytes));

    [Theory]
    [InlineData(8.4 * 1024 * 1024, "+8.4 MiB/s")]
    [InlineData(-512d, "-512 B/s")]
    [InlineData(null, "–")]
    public void Rate_SignedWithTheLargestUnit(double? rate, string expected) => Assert.Equal(expected, ByteFormat.Rate(rate));
}
