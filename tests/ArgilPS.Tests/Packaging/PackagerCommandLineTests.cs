using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
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

    /// <summary>The built module's version as the package names it.</summary>
    private static readonly Lazy<string> BuiltVersion = new(() => ManifestReader.Read(ModuleAssembly.ManifestPath).Version);

    /// <summary>Every file and folder under <paramref name="root"/>, relative, with the file's content (null for a folder).</summary>
    private static SortedDictionary<string, string?> Snapshot(string root) =>
        new(Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .ToDictionary(e => Path.GetRelativePath(root, e), e => File.Exists(e) ? File.ReadAllText(e) : null), StringComparer.Ordinal);

    /// <summary>--out and --work as a user may have them: a package of the same version from an earlier run, another version's, unrelated files.</summary>
    private static void FillWithTheUsersFiles(string outFolder, string workFolder)
    {
        Directory.CreateDirectory(outFolder);
        Directory.CreateDirectory(Path.Combine(workFolder, "drafts"));
        File.WriteAllText(Path.Combine(outFolder, $"ArgilPS.{BuiltVersion.Value}.nupkg"), "the package of an earlier run");
        File.WriteAllText(Path.Combine(outFolder, "ArgilPS.0.0.9.nupkg"), "another version's package");
        File.WriteAllText(Path.Combine(outFolder, "notes.txt"), "a file of the user's");
        File.WriteAllText(Path.Combine(workFolder, "notes.txt"), "a file of the user's in the work folder");
        File.WriteAllText(Path.Combine(workFolder, "drafts", "draft.txt"), "another, in a subfolder");
    }

    /// <summary>The built module's top-level files (enough for Test-ModuleManifest and dotnet pack), with the manifest edited.</summary>
    private static string CopyOfTheModule(string scratch, Func<string, string> editManifest)
    {
        string module = Path.Combine(scratch, "ArgilPS");
        Directory.CreateDirectory(module);
        foreach (string file in Directory.GetFiles(ModuleAssembly.ModuleFolder)) File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
        string manifest = Path.Combine(module, "ArgilPS.psd1");
        File.WriteAllText(manifest, editManifest(File.ReadAllText(manifest)));
        return module;
    }

    /// <summary>
    /// The manifest passes Test-ModuleManifest, but NuGet refuses its ProjectUri: dotnet pack fails after
    /// the scratch folder was made. The earlier package of the same version, the other files in --out
    /// and everything in --work stay exactly as they were, and no temporary file is left.
    /// </summary>
    [Fact]
    public void WhenDotnetPackFailsEveryExistingFileIsLeftAsItWas()
    {
        string scratch = Scratch();
        try
        {
            string module = CopyOfTheModule(scratch, m => Regex.Replace(m, @"ProjectUri\s*=\s*'[^']*'", "ProjectUri = 'not a url'"));
            string outFolder = Path.Combine(scratch, "package");
            string workFolder = Path.Combine(scratch, "work");
            FillWithTheUsersFiles(outFolder, workFolder);
            var outBefore = Snapshot(outFolder);
            var workBefore = Snapshot(workFolder);

            var (exitCode, _, error) = Run("--module", module, "--out", outFolder, "--work", workFolder);

            Assert.Equal(ExitCodes.PackFailed, exitCode);
            Assert.Contains("dotnet pack failed", error);
            Assert.Equal(outBefore, Snapshot(outFolder));
            Assert.Equal(workBefore, Snapshot(workFolder));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void AnOutFolderThatCannotBeCreatedFailsWithoutTouchingAnything()
    {
        string scratch = Scratch();
        try
        {
            string workFolder = Path.Combine(scratch, "work");
            FillWithTheUsersFiles(Path.Combine(scratch, "package"), workFolder);
            string aFile = Path.Combine(scratch, "package", "notes.txt");
            var before = Snapshot(scratch);

            var (exitCode, _, error) = Run("--module", ModuleAssembly.ModuleFolder, "--out", Path.Combine(aFile, "package"), "--work", workFolder);

            Assert.Equal(ExitCodes.PackFailed, exitCode);
            Assert.Contains($"--out: could not create the folder '{Path.Combine(aFile, "package")}'", error);
            Assert.Equal(before, Snapshot(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void AFolderUnderThePackagesNameIsNotReplaced()
    {
        string scratch = Scratch();
        try
        {
            string outFolder = Path.Combine(scratch, "package");
            string workFolder = Path.Combine(scratch, "work");
            FillWithTheUsersFiles(outFolder, workFolder);
            string packagePath = Path.Combine(outFolder, $"ArgilPS.{BuiltVersion.Value}.nupkg");
            File.Delete(packagePath);
            Directory.CreateDirectory(packagePath);
            File.WriteAllText(Path.Combine(packagePath, "inside.txt"), "a file in a folder named like the package");
            var before = Snapshot(scratch);

            var (exitCode, _, error) = Run("--module", ModuleAssembly.ModuleFolder, "--out", outFolder, "--work", workFolder);

            Assert.Equal(ExitCodes.PackFailed, exitCode);
            Assert.Contains($"'{packagePath}' is a folder", error);
            Assert.Equal(before, Snapshot(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--work")]
    [InlineData("--module")]
    public void AnEmptyFolderPathIsAUsageError(string option)
    {
        var (exitCode, _, error) = Run(option, "");
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains($"argilps-packager: {option} needs a folder path", error);
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
