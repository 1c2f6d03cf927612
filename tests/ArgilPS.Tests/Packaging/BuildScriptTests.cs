using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml.Linq;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Packaging;

/// <summary>
/// What can be checked of build.ps1 without running a build: it parses, takes the documented parameters,
/// its Test task runs the Pester suite through tests/Invoke-PesterSuite.ps1 with the Pester version the
/// tests restore, and Publish refuses to start without an API key.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public class BuildScriptTests
{
    private static string BuildScript => Path.Combine(ModuleAssembly.RepoRoot, "build.ps1");
    private static string PesterRunner => Path.Combine(ModuleAssembly.RepoRoot, "tests", "Invoke-PesterSuite.ps1");
    private static string TestProject => Path.Combine(ModuleAssembly.RepoRoot, "tests", "ArgilPS.Tests", "ArgilPS.Tests.csproj");

    private static ScriptBlockAst Parse(string path)
    {
        ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
        Assert.Empty(errors);
        return ast;
    }

    /// <summary>The text of what a script assigns to a variable at its top level, without quotes or a cast.</summary>
    private static string TopLevelValue(ScriptBlockAst script, string variable)
    {
        var assignment = script.EndBlock.Statements.OfType<AssignmentStatementAst>()
            .Single(a => a.Left is VariableExpressionAst v && v.VariablePath.UserPath == variable);
        ExpressionAst? expression = assignment.Right switch
        {
            CommandExpressionAst command => command.Expression,
            PipelineAst { PipelineElements: [CommandExpressionAst command] } => command.Expression,
            _ => null,
        };
        return expression switch
        {
            StringConstantExpressionAst text => text.Value,
            ConvertExpressionAst { Child: StringConstantExpressionAst text } => text.Value,
            _ => assignment.Right.Extent.Text,
        };
    }

    [Fact]
    public void TheScriptParsesAndTakesTaskAndConfiguration()
    {
        ScriptBlockAst ast = Parser.ParseFile(BuildScript, out _, out ParseError[] errors);
        Assert.Empty(errors);

        var parameters = ast.ParamBlock!.Parameters.ToDictionary(p => p.Name.VariablePath.UserPath, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { "Task", "Configuration" }, parameters.Keys);
        Assert.Equal("'Build'", parameters["Task"].DefaultValue!.Extent.Text);
        Assert.Equal("'Release'", parameters["Configuration"].DefaultValue!.Extent.Text);
        var validateSet = parameters["Task"].Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet");
        Assert.Equal(new[] { "Build", "Test", "Package", "Publish" }, validateSet.PositionalArguments.Select(a => ((StringConstantExpressionAst)a).Value));
        Assert.Contains("Set-StrictMode -Version Latest", ast.Extent.Text);
        Assert.Contains("$ErrorActionPreference = 'Stop'", ast.Extent.Text);
    }

    /// <summary>
    /// out/ArgilPS keeps the .pdb for debugging; Package and Publish hand PSResourceGet (or the .NET-SDK
    /// packager) a copy without it. The copying function runs here on its own, taken from the script.
    /// </summary>
    [Fact]
    public void PackageAndPublishTakeACopyOfTheModuleWithoutThePdb()
    {
        ScriptBlockAst ast = Parser.ParseFile(BuildScript, out _, out _);
        var copy = (FunctionDefinitionAst?)ast.Find(a => a is FunctionDefinitionAst { Name: "Copy-ModuleForPublishing" }, true);
        Assert.NotNull(copy);

        // Every Publish-PSResource and the packager's --module get that copy, never out/ArgilPS itself.
        var publishPaths = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Publish-PSResource", true).Cast<CommandAst>()
            .Select(c => c.CommandElements.SkipWhile(e => e is not CommandParameterAst { ParameterName: "Path" }).ElementAt(1).Extent.Text).ToList();
        Assert.Equal(new[] { "$PublishFolder", "$PublishFolder" }, publishPaths);
        Assert.Contains("'--module', $PublishFolder", ast.Extent.Text);

        string scratch = Path.Combine(Path.GetTempPath(), "argilps-build-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            string publishFolder = Path.Combine(scratch, "out", "publish", "ArgilPS");
            using var host = new PowerShellHost(importModule: false);
            ScriptResult result = host.Run(copy!.Extent.Text + "\nCopy-ModuleForPublishing", new System.Collections.Generic.Dictionary<string, object?>
            {
                ["ModuleFolder"] = ModuleAssembly.ModuleFolder,
                ["PublishFolder"] = publishFolder,
            }).ThrowIfTerminated();
            Assert.Empty(result.Errors);

            Assert.True(File.Exists(Path.Combine(ModuleAssembly.ModuleFolder, "ArgilPS.pdb")), "the build no longer lays out ArgilPS.pdb; this test then proves nothing");
            var expected = Directory.GetFiles(ModuleAssembly.ModuleFolder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ModuleAssembly.ModuleFolder, f)).Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal);
            Assert.Equal(expected, Directory.GetFiles(publishFolder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(publishFolder, f)).OrderBy(f => f, StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void TheTestTaskRunsThePesterSuiteThroughTheRunnerWithThePesterVersionTheTestsRestore()
    {
        ScriptBlockAst build = Parse(BuildScript);
        string restored = XDocument.Load(TestProject).Descendants("PackageReference")
            .Single(r => (string?)r.Attribute("Include") == "Pester").Attribute("Version")!.Value;
        Assert.Equal("5.9.1", restored);
        Assert.Equal(restored, TopLevelValue(build, "PesterVersion"));
        Assert.Equal(restored, TopLevelValue(Parse(PesterRunner), "RequiredPesterVersion"));

        Assert.Equal("Join-Path (Join-Path $RepoRoot 'tests') 'Invoke-PesterSuite.ps1'", TopLevelValue(build, "PesterRunner"));
        var testTask = (FunctionDefinitionAst)build.Find(a => a is FunctionDefinitionAst { Name: "Invoke-TestTask" }, true)!;
        Assert.Contains("'-File', $PesterRunner", testTask.Body.Extent.Text);
        Assert.Contains("Install-PinnedPester", testTask.Body.Extent.Text);
    }

    [Fact]
    public void PublishWithoutAnApiKeyFailsBeforeBuildingAnything()
    {
        string? saved = Environment.GetEnvironmentVariable("PSGALLERY_API_KEY");
        Environment.SetEnvironmentVariable("PSGALLERY_API_KEY", null);
        try
        {
            using var host = new PowerShellHost(importModule: false);
            if (OperatingSystem.IsWindows()) host.Run("Set-ExecutionPolicy -Scope Process -ExecutionPolicy Bypass -Force");
            ScriptResult result = host.Run($"& '{BuildScript}' -Task Publish");

            Assert.NotNull(result.Terminating);
            Assert.Contains("PSGALLERY_API_KEY is not set", result.Terminating!.Message);
            Assert.DoesNotContain(result.Information, line => line.StartsWith("> dotnet", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PSGALLERY_API_KEY", saved);
        }
    }
}
