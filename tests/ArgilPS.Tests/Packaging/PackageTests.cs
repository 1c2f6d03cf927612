using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Packaging;

/// <summary>The .nupkg the .NET-SDK-only packager makes of out/ArgilPS: metadata, content, and that it installs and works.</summary>
public class PackageTests : IClassFixture<PackagedModule>
{
    private readonly PackagedModule _package;

    public PackageTests(PackagedModule package)
    {
        _package = package;
        Assert.True(package.ExitCode == 0, package.Log);
    }

    /// <summary>The built module's manifest, read by the engine.</summary>
    private static Hashtable Manifest()
    {
        using var host = new PowerShellHost(importModule: false);
        return host.Run($"Import-PowerShellDataFile -Path '{ModuleAssembly.ManifestPath}'").ThrowIfTerminated().Objects<Hashtable>().Single();
    }

    private static Hashtable PSData(Hashtable manifest) => (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;

    [Fact]
    public void ThePackageIsNamedAfterTheModuleAndItsVersion()
    {
        Assert.Equal($"ArgilPS.{Manifest()["ModuleVersion"]}.nupkg", Path.GetFileName(_package.PackagePath));
    }

    [Fact]
    public void TheNuspecCarriesTheManifestMetadata()
    {
        Hashtable manifest = Manifest();
        Hashtable psData = PSData(manifest);
        Assert.Equal("ArgilPS", _package.Value("id"));
        Assert.Equal((string)manifest["ModuleVersion"]!, _package.Value("version"));
        Assert.Equal((string)manifest["Author"]!, _package.Value("authors"));
        Assert.Equal((string)manifest["CompanyName"]!, _package.Value("owners"));
        Assert.Equal((string)manifest["Description"]!, _package.Value("description"));
        Assert.Equal((string)manifest["Copyright"]!, _package.Value("copyright"));
        Assert.Equal((string)psData["ReleaseNotes"]!, _package.Value("releaseNotes"));
        Assert.Equal("false", _package.Value("requireLicenseAcceptance"));
        Assert.Equal((string)psData["ProjectUri"]!, _package.Value("projectUrl"));
        Assert.Equal((string)psData["LicenseUri"]!, _package.Value("licenseUrl"));
        Assert.Equal("https://github.com/argilps/ArgilPS", _package.Value("projectUrl"));
    }

    [Fact]
    public void TheTagsAreTheManifestsPlusTheGallerySearchTags()
    {
        var tags = _package.Tags;
        Assert.Equal("PSModule", tags[0]);
        foreach (string expected in new[] { "PSModule", "PSIncludes_Cmdlet", "PSCmdlet_New-ArgilAvatar", "PSCommand_Get-ArgilAvatar", "PSEdition_Core", "PSEdition_Desktop", "Argil" })
            Assert.Contains(expected, tags);
        foreach (object tag in (object[])PSData(Manifest())["Tags"]!)
            Assert.Contains((string)tag, tags);
        foreach (object cmdlet in (object[])Manifest()["CmdletsToExport"]!)
        {
            Assert.Contains("PSCmdlet_" + cmdlet, tags);
            Assert.Contains("PSCommand_" + cmdlet, tags);
        }

        Assert.Equal(tags.Count, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(tags, t => t.StartsWith("PSFunction_", StringComparison.Ordinal) || t == "PSIncludes_Function");
    }

    [Fact]
    public void ThePackageHasNoDependencies()
    {
        Assert.DoesNotContain(_package.Metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void ThePackageHoldsExactlyTheModuleFolderAtItsRoot()
    {
        var nugetMetadata = new[] { "[Content_Types].xml", "_rels/.rels", "ArgilPS.nuspec" };
        var content = _package.Entries
            .Where(e => !nugetMetadata.Contains(e) && !e.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal))
            .ToList();
        var moduleFiles = Directory.GetFiles(ModuleAssembly.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleAssembly.ModuleFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(moduleFiles, content);

        foreach (string expected in new[] { "ArgilPS.psd1", "ArgilPS.dll", "ArgilPS.Avatars.format.ps1xml", "ArgilPS.Session.format.ps1xml", "ArgilPS.Subtitles.format.ps1xml", "Dependencies/System.Text.Json.dll", "en-US/ArgilPS.dll-Help.xml", "en-US/about_ArgilPS.help.txt" })
            Assert.Contains(expected, content);
        Assert.DoesNotContain(content, e => e.Contains("Tests", StringComparison.OrdinalIgnoreCase)
            || e.Contains("argilps-", StringComparison.OrdinalIgnoreCase)
            || e.Contains("xunit", StringComparison.OrdinalIgnoreCase)
            || e.Contains("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
            || e.Contains("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase)
            || e.Contains("PowerShellStandard", StringComparison.OrdinalIgnoreCase)
            || e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("content", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePackageHasNoDebugSymbols()
    {
        Assert.DoesNotContain(_package.Entries, e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Directory.GetFiles(_package.ExtractedModule, "*.pdb", SearchOption.AllDirectories));
    }

    [Fact]
    public void AnOlderFileOfTheSameVersionInTheOutFolderIsReplacedByThePackage()
    {
        Assert.True(PackagedModule.IsZip(_package.PackagePath), $"'{_package.PackagePath}' still holds the older file: {File.ReadAllText(_package.PackagePath)}");
        Assert.Contains("ArgilPS.psd1", _package.Entries);
    }

    [Fact]
    public void EveryOtherFileInTheOutFolderIsLeftAlone()
    {
        foreach (var (path, content) in _package.Bystanders.Where(b => b.Key.StartsWith(_package.OutFolder, StringComparison.Ordinal)))
            Assert.Equal(content, File.ReadAllText(path));

        // Only the package was added: no temporary copy, no other version's package removed.
        var expected = new[] { Path.GetFileName(_package.PackagePath), "ArgilPS.0.0.9.nupkg", "notes.txt" }.OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFileSystemEntries(_package.OutFolder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void ANamedWorkFolderIsLeftAsItWasFound()
    {
        var expected = _package.Bystanders.Where(b => b.Key.StartsWith(_package.WorkFolder, StringComparison.Ordinal)).ToList();
        foreach (var (path, content) in expected)
            Assert.Equal(content, File.ReadAllText(path));

        // The packager's own scratch folder inside it is gone; nothing else was added.
        Assert.Equal(
            expected.Select(b => Path.GetRelativePath(_package.WorkFolder, b.Key)).OrderBy(f => f, StringComparer.Ordinal),
            Directory.GetFiles(_package.WorkFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_package.WorkFolder, f)).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal(new[] { "drafts" }, Directory.GetDirectories(_package.WorkFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void TheExtractedManifestPassesTestModuleManifest()
    {
        using var host = new PowerShellHost(importModule: false);
        ScriptResult result = host.Run($"Test-ModuleManifest -Path '{Path.Combine(_package.ExtractedModule, "ArgilPS.psd1")}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        PSModuleInfo module = result.Objects<PSModuleInfo>().Single();
        Assert.Equal("ArgilPS", module.Name);
        Assert.Equal(_package.Value("version"), module.Version.ToString(3));
        Assert.Contains("New-ArgilAvatar", module.ExportedCmdlets.Keys);
    }

    [Fact]
    public void TheExtractedModuleImportsAndShowsItsHelp()
    {
        using var host = new PowerShellHost(importModule: false);
        string manifest = Path.Combine(_package.ExtractedModule, "ArgilPS.psd1");
        PSModuleInfo module = host.Run($"Import-Module '{manifest}' -PassThru -ErrorAction Stop").ThrowIfTerminated().Objects<PSModuleInfo>().Single();
        Assert.Equal(_package.ExtractedModule, module.ModuleBase);
        Assert.Equal(14, module.ExportedCmdlets.Count);

        PSObject help = host.Run("Get-Help New-ArgilAvatar").ThrowIfTerminated().Output.Single();
        string synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain("New-ArgilAvatar ", synopsis); // the auto-generated syntax line is what shows when help is missing
        string about = string.Concat(host.Run("Get-Help about_ArgilPS | Out-String").Output.Select(o => o.ToString()));
        Assert.Contains("ARGIL_API_KEY", about);
    }

    /// <summary>
    /// No HelpInfoUri (there is no host serving updatable help): Update-Help -Module ArgilPS reports
    /// HelpInfoUriNotFound without touching the network or the shipped help, and the about topic explains it.
    /// </summary>
    [Fact]
    public void UpdateHelpLeavesTheShippedHelpInPlaceAndTheAboutTopicSaysWhy()
    {
        using var host = new PowerShellHost(importModule: false);
        string manifest = Path.Combine(_package.ExtractedModule, "ArgilPS.psd1");
        PSModuleInfo module = host.Run($"Import-Module '{manifest}' -PassThru -ErrorAction Stop").ThrowIfTerminated().Objects<PSModuleInfo>().Single();
        Assert.True(string.IsNullOrEmpty(module.HelpInfoUri), $"HelpInfoUri is '{module.HelpInfoUri}'");

        ScriptResult update = host.Run("Update-Help -Module ArgilPS -UICulture en-US");
        Assert.Null(update.Terminating);
        Assert.Equal("HelpInfoUriNotFound,Microsoft.PowerShell.Commands.UpdateHelpCommand", Assert.Single(update.Errors).FullyQualifiedErrorId);
        Assert.StartsWith("Creates an Argil avatar", host.Run("(Get-Help New-ArgilAvatar).Synopsis").ThrowIfTerminated().Objects<string>().Single());

        string about = System.Text.RegularExpressions.Regex.Replace(
            string.Concat(host.Run("Get-Help about_ArgilPS | Out-String").Output.Select(o => o.ToString())), @"\s+", " ");
        Assert.Contains("the module manifest has no HelpInfoUri and Update-Help is not needed", about);
        Assert.Contains("Update-Help -Module ArgilPS (and Save-Help -Module ArgilPS) writes the error HelpInfoUriNotFound", about);
    }

    /// <summary>
    /// The test process already holds ArgilPS.dll from out/ArgilPS, so the in-process import above may
    /// reuse it; a fresh pwsh process (tools/pwsh) proves the package alone is enough (assembly, help, format).
    /// </summary>
    [Fact]
    public async Task TheExtractedModuleWorksOnItsOwnInAFreshProcess()
    {
        string manifest = Path.Combine(_package.ExtractedModule, "ArgilPS.psd1");
        string host = Path.Combine(AppContext.BaseDirectory, "pwsh.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { host, "-NoProfile", "-NonInteractive", "-Command",
            $"Import-Module '{manifest}' -ErrorAction Stop; (Get-Command New-ArgilAvatar).DLL; (Get-Help New-ArgilAvatar).Synopsis" })
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string output;
        try
        {
            output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await error}");

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Path.Combine(_package.ExtractedModule, "ArgilPS.dll"), lines[0]);
        Assert.StartsWith("Creates an Argil avatar", lines[1]);
    }
}
