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
