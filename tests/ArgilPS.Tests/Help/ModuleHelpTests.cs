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

    /// <summary>
    /// The tables and code of about_ArgilPS read as tables and code: one table row per line (or,
    /// for the error-id table, too wide for columns, one record per row), one command per line.
    /// </summary>
    [Fact]
    public void AboutArgilPSShowsItsTablesRowByRowAndItsCodeLineByLine()
    {
        using var host = new PowerShellHost();
        var text = string.Concat(host.Run("Get-Help about_ArgilPS | Out-String -Width 200").Output.Select(o => o.ToString()));
        string[] lines = GetHelpEndToEndTests.Lines(text);

        // The environment-variable table: a header over a rule, then each variable starts a row.
        int header = System.Array.FindIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^    Variable\s+Meaning\s+Accepted( values)?\s+Default$"));
        Assert.True(header >= 0, text);
        // A header too long for its column wraps like any cell, so the rule may be one line further down.
        int rule = System.Array.FindIndex(lines, header, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^    -+  -+  -+  -+$"));
        Assert.InRange(rule, header + 1, header + 2);
        int meaning = lines[header].IndexOf("Meaning", System.StringComparison.Ordinal);
        foreach (var variable in new[] { "ARGIL_API_KEY", "ARGIL_BASE_URI", "ARGIL_TIMEOUT_SEC", "ARGIL_MAXIMUM_RETRY_COUNT", "ARGIL_RETRY_INTERVAL_SEC" })
        {
            string row = Assert.Single(lines, l => l.StartsWith("    " + variable + " ", System.StringComparison.Ordinal));
            Assert.NotEqual(' ', row[meaning]);
            Assert.Equal(' ', row[meaning - 1]);
        }

        // The error-id table: every id on a line of its own, its category on the next line.
        foreach (var (id, category) in new[] { ("AvatarNotFound", "ObjectNotFound"), ("RateLimited", "LimitsExceeded"), ("ParameterArgumentValidationError", "InvalidData") })
        {
            int at = System.Array.IndexOf(lines, "    " + id);
            Assert.True(at >= 0, $"no line '{id}' in:\n{text}");
            Assert.Matches(@"^        Category:\s+" + category + "$", lines[at + 1]);
        }

        // The sandbox example and the getting-started commands: one command per line, indented as code.
        GetHelpEndToEndTests.AssertInOrder(lines,
            "           Connect-Argil -ApiKey (Read-Host -AsSecureString -Prompt 'Argil API key')",
            "           Get-ArgilAvatar -Visibility private",
            "           New-ArgilAvatar -Name 'Support agent' -ImagePath ./support-agent.png | Wait-ArgilAvatar",
            "        Connect-Argil -Sandbox",
            "        try {",
            "                @{ Name = 'Ready';   Extras = @{ 'sandbox-outcome' = 'IDLE' } }",
            "            $ready = $created | Wait-ArgilAvatar -Timeout 120 -ErrorVariable problems -ErrorAction SilentlyContinue",
            "            $listed = Get-ArgilAvatar -Visibility private",
            "        finally {",
            "            Disconnect-Argil",
            "        $err[0].FullyQualifiedErrorId -like 'RateLimited,*'");
    }
}
