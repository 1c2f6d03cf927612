using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ArgilPS.Packager;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Packaging;

/// <summary>The packager's failures (they end before dotnet pack, so they are quick) and its nuspec rules.</summary>
public class PackagerCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string Scratch() => Path.Combine(Path.GetTempPath(), "argilps-packager-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void AMissingModuleFolderFailsWithAClearMessage()
    {
        string scratch = Scratch();
        string missing = Path.Combine(scratch, "nowhere", "ArgilPS");
        var (exitCode, _, error) = Run("--module", missing, "--out", Path.Combine(scratch, "package"));
        Assert.Equal(ExitCodes.ModuleNotFound, exitCode);
        Assert.Contains($"The module folder '{missing}' does not exist", error);
        Assert.Contains("dotnet build", error);
        Assert.False(Directory.Exists(scratch));
    }

    [Fact]
    public void AnInvalidManifestFailsWithTheEnginesReason()
    {
        string scratch = Scratch();
        try
        {
            string module = Path.Combine(scratch, "ArgilPS");
            Directory.CreateDirectory(module);
            foreach (string file in Directory.GetFiles(ModuleAssembly.ModuleFolder)) File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
            string manifest = Path.Combine(module, "ArgilPS.psd1");
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("ModuleVersion          = '0.1.0'", "ModuleVersion          = 'one'"));

            var (exitCode, _, error) = Run("--module", module, "--out", Path.Combine(scratch, "package"), "--work", Path.Combine(scratch, "work"));
            Assert.Equal(ExitCodes.InvalidManifest, exitCode);
            Assert.Contains($"The module manifest '{manifest}' is not valid", error);
            Assert.False(Directory.Exists(Path.Combine(scratch, "package")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void AnUnknownArgumentIsAUsageError()
    {
        var (exitCode, _, error) = Run("--modul", "out/ArgilPS");
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("usage: argilps-packager", error);
    }

    [Fact]
    public void RequiredModulesBecomeDependenciesAsPSResourceGetMapsThem()
    {
        var metadata = new ModuleMetadata
        {
            Name = "Sample",
            Version = "1.0.0",
            Author = "a",
            Description = "d",
            ExportedFunctions = new[] { "Get-Thing" },
            Dependencies = ManifestReader.RequiredModules(new object[]
            {
                "Plain",
                new System.Collections.Hashtable { ["ModuleName"] = "Exact", ["RequiredVersion"] = "2.1.0" },
                new System.Collections.Hashtable { ["ModuleName"] = "Minimum", ["ModuleVersion"] = "1.5" },
                new System.Collections.Hashtable { ["ModuleName"] = "Range", ["ModuleVersion"] = "1.0", ["MaximumVersion"] = "1.9" },
            }, "Sample.psd1"),
        };

        XDocument nuspec = NuspecBuilder.Build(metadata);
        var dependencies = nuspec.Descendants(NuspecBuilder.Namespace + "dependency")
            .Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")?.Value}".Trim()).ToList();
        Assert.Equal(new[] { "Plain", "Exact [2.1.0]", "Minimum 1.5", "Range [1.0,1.9]" }, dependencies);
        Assert.Equal(new[] { "PSModule", "PSIncludes_Function", "PSFunction_Get-Thing", "PSCommand_Get-Thing" }, NuspecBuilder.Tags(metadata));
        Assert.Empty(nuspec.Descendants(NuspecBuilder.Namespace + "files"));
    }

    [Theory]
    [InlineData("1.2", null, "1.2.0")]
    [InlineData("1.2.3", null, "1.2.3")]
    [InlineData("1.2.3.0", null, "1.2.3")]
    [InlineData("1.2.3.4", null, "1.2.3.4")]
    [InlineData("0.1.0", "beta1", "0.1.0-beta1")]
    public void VersionsAreNormalizedAsNuGetNamesThem(string version, string? prerelease, string expected)
    {
        var problems = new List<string>();
        Assert.Equal(expected, ManifestReader.NormalizedVersion(Version.Parse(version), prerelease, problems));
        Assert.Empty(problems);
    }
}
