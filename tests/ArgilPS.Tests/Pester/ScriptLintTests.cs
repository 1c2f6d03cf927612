using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Pester;

/// <summary>
/// The PSScriptAnalyzer default rules that found problems in the repository's scripts (the Pester suite,
/// its runner, build.ps1), checked with PowerShell's own parser since PSScriptAnalyzer itself is not
/// available to the tests. PSUseDeclaredVarsMoreThanAssignments is left to PSScriptAnalyzer with
/// tests/pester/PSScriptAnalyzerSettings.psd1 (Pester's scoping makes it report false positives).
/// </summary>
public class ScriptLintTests
{
    /// <summary>The verbs PSUseShouldProcessForStateChangingFunctions treats as changing state.</summary>
    private static readonly string[] StateChangingVerbs = { "New", "Set", "Remove", "Start", "Stop", "Restart", "Reset", "Update" };

    private static IEnumerable<string> Scripts()
    {
        string root = ModuleAssembly.RepoRoot;
        return Directory.GetFiles(Path.Combine(root, "tests", "pester"), "*.ps1")
            .Append(Path.Combine(root, "tests", "Invoke-PesterSuite.ps1"))
            .Append(Path.Combine(root, "build.ps1"))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    /// <summary>Every node of every script that breaks a rule, as file:line and text.</summary>
    private static List<string> Findings(Func<Ast, bool> breaksTheRule)
    {
        var findings = new List<string>();
        foreach (string script in Scripts())
        {
            ScriptBlockAst ast = Parser.ParseFile(script, out _, out ParseError[] errors);
            Assert.Empty(errors);
            foreach (Ast node in ast.FindAll(breaksTheRule, searchNestedScriptBlocks: true))
                findings.Add($"{Path.GetRelativePath(ModuleAssembly.RepoRoot, script)}:{node.Extent.StartLineNumber}: {node.Extent.Text.Split('\n')[0].Trim()}");
        }
        return findings;
    }

    private static HashSet<string> Engine(string script)
    {
        using var host = new PowerShellHost(importModule: false);
        return host.Run(script).ThrowIfTerminated().Output.Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheScriptsUseNoGlobalVariables()
    {
        Assert.Empty(Findings(a => a is VariableExpressionAst { VariablePath.IsGlobal: true }));
    }

    [Fact]
    public void FunctionsThatLookStateChangingSupportShouldProcess()
    {
        Assert.Empty(Findings(a => a is FunctionDefinitionAst f
            && StateChangingVerbs.Contains(f.Name.Split('-')[0], StringComparer.OrdinalIgnoreCase)
            && !(f.Body.ParamBlock?.Attributes.Any(attribute => attribute.TypeName.Name == "CmdletBinding"
                && attribute.NamedArguments.Any(n => n.ArgumentName.Equals("SupportsShouldProcess", StringComparison.OrdinalIgnoreCase))) ?? false)));
    }

    [Fact]
    public void FunctionsHaveApprovedVerbsAndSingularNouns()
    {
        HashSet<string> approved = Engine("Get-Verb | ForEach-Object Verb");
        Assert.Empty(Findings(a => a is FunctionDefinitionAst f && !approved.Contains(f.Name.Split('-')[0])));
        // PSUseSingularNouns: a noun ending in s is plural unless it ends like Status, Alias or Process.
        Assert.Empty(Findings(a => a is FunctionDefinitionAst f && f.Name.Contains('-')
            && f.Name.EndsWith('s') && !new[] { "ss", "us", "is" }.Any(ending => f.Name.EndsWith(ending, StringComparison.OrdinalIgnoreCase))));
    }

    [Fact]
    public void CommandsAreCalledByTheirNamesAndNothingWritesToTheHost()
    {
        HashSet<string> aliases = Engine("Get-Alias | ForEach-Object Name");
        Assert.Empty(Findings(a => a is CommandAst c && c.GetCommandName() is { } name && aliases.Contains(name)));
        Assert.Empty(Findings(a => a is CommandAst c && string.Equals(c.GetCommandName(), "Write-Host", StringComparison.OrdinalIgnoreCase)));
    }
}
