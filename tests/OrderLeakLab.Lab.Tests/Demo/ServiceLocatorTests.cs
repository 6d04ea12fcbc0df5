using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class ServiceLocatorTests
{
    [Fact]
    public void Find_FromDeepInsideACheckout_FindsTheBuiltService()
    {
        var root = Directory.CreateTempSubdirectory("leaklab-locator").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "OrderLeakLab.sln"), "");
            var bin = Directory.CreateDirectory(Path.Combine(root, "services", "OrderService", "bin", "Release", "net10.0")).FullName;
            File.WriteAllText(Path.Combine(bin, ServiceLocator.DllName), "");
            var deep = Directory.CreateDirectory(Path.Combine(root, "lab", "OrderLeakLab.Lab", "bin", "Debug", "net10.0")).FullName;
            Assert.Equal(Path.Combine(bin, ServiceLocator.DllName), ServiceLocator.Find(null, out _, deep));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Find_InTheToolPackage_FindsTheServiceCarriedBesideTheLab()
    {
        var tool = Directory.CreateTempSubdirectory("leaklab-tool").FullName;
        try
        {
            var carried = Directory.CreateDirectory(Path.Combine(tool, ServiceLocator.PackagedFolder)).FullName;
            File.WriteAllText(Path.Combine(carried, ServiceLocator.DllName), "");
            Assert.Equal(Path.Combine(carried, ServiceLocator.DllName), ServiceLocator.Find(null, out _, tool));
        }
        finally
        {
            Directory.Delete(tool, recursive: true);
        }
    }

    [Fact]
    public void Find_NoCheckout_ReturnsNullAndSaysWhere()
    {
        var lonely = Directory.CreateTempSubdirectory("leaklab-lonely").FullName;
        try
        {
            Assert.Null(ServiceLocator.Find(null, out var looked, lonely));
            Assert.Contains("no OrderLeakLab.sln", looked);
        }
        finally
        {
            Directory.Delete(lonely);
        }
    }

    [Fact]
    public void Find_ThisBuild_FindsTheServiceBuiltBesideTheLab() =>
        Assert.NotNull(ServiceLocator.Find(null, out _));
}
