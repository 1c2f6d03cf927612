using System.IO;
using System.Linq;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Help;

/// <summary>docs/architecture.md stays a map of the code: it names every top-level folder of src/ArgilPS.</summary>
public class ArchitectureDocTests
{
    [Fact]
    public void TheArchitectureDocNamesEveryFolderOfTheModule()
    {
        var source = Path.Combine(ModuleAssembly.RepoRoot, "src", "ArgilPS");
        var folders = Directory.GetDirectories(source).Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj") && Directory.GetFiles(Path.Combine(source, name!), "*.cs", SearchOption.AllDirectories).Length > 0).ToList();
        var doc = File.ReadAllText(Path.Combine(ModuleAssembly.RepoRoot, "docs", "architecture.md"));
        Assert.Contains("Avatars", folders);
        Assert.All(folders, folder => Assert.Contains(folder + "/", doc));
    }
}
