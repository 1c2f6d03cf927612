using System.IO;
using System.Linq;
using ArgilPS.HelpBuilder;
using ArgilPS.HelpBuilder.Validation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Help;

/// <summary>The shipped help agrees with the shipped cmdlets, and Get-Help shows it on the built module.</summary>
public class ModuleHelpTests
{
    private static string DocsFolder => Path.Combine(ModuleAssembly.RepoRoot, "docs", "en-US");

    [Fact]
    public void TheMarkdownAgreesWithTheRealCmdlets()
    {
        var docs = HelpDocs.Load(DocsFolder, "ArgilPS");
        Assert.Empty(docs.Errors);
        using var engine = new HostedEngine();
        engine.Invoke($"Import-Module '{ModuleAssembly.ManifestPath}'");
        var issues = new HelpValidator(HostedEngine.ParseErrors).Validate(docs.Commands, engine.Signatures("ArgilPS"));
        Assert.True(issues.Count == 0, string.Join("\n", issues.Select(i => $"{i.File}:{i.Line}: {i.Kind} {i.Command} {i.Parameter}: {i.Message}")));
    }

    [Fact]
    public void GetHelpShowsSynopsisDescriptionExamplesAndEveryParameterForEveryCmdlet()
    {
        using var host = new PowerShellHost();
        var names = host.Run("(Get-Command -Module ArgilPS).Name").Output.Select(o => o.ToString()).ToList();
        foreach (var name in names)
        {
            var help = host.Run($"Get-Help {name} -Full").Output.Single();
            Assert.False(string.IsNullOrWhiteSpace(help.Properties["Synopsis"].Value?.ToString()), name + " has no synopsis");
            Assert.DoesNotContain(name, help.Properties["Synopsis"].Value!.ToString()!.Split('\n')[0].Trim() == name ? name : "\u0000");
            var text = string.Concat(host.Run($"Get-Help {name} -Full | Out-String -Width 200").Output.Select(o => o.ToString()));
            Assert.Contains("DESCRIPTION", text);
            Assert.Contains("EXAMPLE 1", text.ToUpperInvariant());
            var parameters = host.Run($"(Get-Command {name}).Parameters.Keys").Output.Select(o => o.ToString())
                .Where(p => !System.Management.Automation.Cmdlet.CommonParameters.Contains(p) && !System.Management.Automation.Cmdlet.OptionalCommonParameters.Contains(p));
            foreach (var parameter in parameters)
            {
                var parameterHelp = string.Concat(host.Run($"Get-Help {name} -Parameter {parameter} | Out-String").Output.Select(o => o.ToString()));
                Assert.Contains("-" + parameter, parameterHelp);
                Assert.True(parameterHelp.Split('\n').Length > 6, $"{name} -{parameter} is not described: {parameterHelp}");
            }
        }
    }

    [Fact]
    public void TheAboutTopicIsInstalled()
    {
        using var host = new PowerShellHost();
        var text = string.Concat(host.Run("Get-Help about_ArgilPS | Out-String").Output.Select(o => o.ToString()));
        Assert.Contains("sandbox", text);
        Assert.Contains("ARGIL_API_KEY", text);
    }
}
