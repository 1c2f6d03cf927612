using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Packaging;

/// <summary>
/// What can be checked of build.ps1 without pwsh and without running a build: it parses, takes the
/// documented parameters, and Publish refuses to start without an API key.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public class BuildScriptTests
{
    private static string BuildScript => Path.Combine(ModuleAssembly.RepoRoot, "build.ps1");

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
