using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Core;

/// <summary>
/// The core, and each resource's client side (its XxxApi, mapper, wire shape and request), know
/// nothing of PowerShell: no engine type and no command in what they say. The cmdlets word the
/// advice (ErrorMapping, and the resource's cmdlets).
/// </summary>
public class CoreBoundaryTests
{
    private static readonly Regex Command = new(@"\b(Add|Clear|Connect|Disconnect|Get|Invoke|New|Set|Wait)-Argil", RegexOptions.Compiled);
    private static readonly Regex Comment = new(@"(^|\s)//.*$", RegexOptions.Compiled | RegexOptions.Multiline);

    public static TheoryData<string> ClientFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Files()) data.Add(file);
        return data;
    }

    private static System.Collections.Generic.List<string> Files()
    {
        var source = Path.Combine(ModuleAssembly.RepoRoot, "src", "ArgilPS");
        var core = Directory.GetFiles(Path.Combine(source, "Core"), "*.cs");
        var clientSides = Directory.GetDirectories(source)
            .Where(d => Path.GetFileName(d) is not ("Core" or "PowerShell" or "Session" or "Loading" or "Rest" or "Sandbox" or "bin" or "obj"))
            .SelectMany(d => Directory.GetFiles(d, "*.cs"))
            .Where(f => Regex.IsMatch(Path.GetFileName(f), @"(Api|Mapper|Json|Request)\.cs$"));
        return core.Concat(clientSides).OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(file => Path.GetRelativePath(source, file).Replace('\\', '/')).ToList();
    }

    [Theory]
    [MemberData(nameof(ClientFiles))]
    public void KnowsNothingOfPowerShell(string file)
    {
        var code = Comment.Replace(File.ReadAllText(Path.Combine(ModuleAssembly.RepoRoot, "src", "ArgilPS", file)), "");
        Assert.DoesNotContain("System.Management.Automation", code);
        Assert.DoesNotMatch(Command, code);
    }

    [Fact]
    public void TheAvatarClientIsAmongTheFilesChecked()
    {
        var files = Files();
        Assert.Contains("Core/ArgilHttpClient.cs", files);
        Assert.Contains("Avatars/AvatarsApi.cs", files);
    }
}
