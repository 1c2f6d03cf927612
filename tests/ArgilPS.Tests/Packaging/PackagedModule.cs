using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using ArgilPS.Packager;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.Packaging;

/// <summary>
/// Runs the packager once (in-process, through its command-line entry point) on the built module
/// into a scratch folder, and keeps the package, its nuspec, its entries and an extracted copy.
/// </summary>
public sealed class PackagedModule : IDisposable
{
    public PackagedModule()
    {
        Scratch = Path.Combine(Path.GetTempPath(), "argilps-packaging-tests-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ExitCode = Program.Run(
            new[] { "--module", ModuleAssembly.ModuleFolder, "--out", Path.Combine(Scratch, "package"), "--work", Path.Combine(Scratch, "work") },
            stdout, stderr);
        Log = $"exit {ExitCode}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}";
        if (ExitCode != 0) return;

        PackagePath = Directory.GetFiles(Path.Combine(Scratch, "package"), "*.nupkg").Single();
        using (ZipArchive zip = ZipFile.OpenRead(PackagePath))
        {
            Entries = zip.Entries.Select(e => Uri.UnescapeDataString(e.FullName)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            using Stream nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
            Nuspec = XDocument.Load(nuspec);
        }

        // Extracted the way Install-PSResource lays a module out: <Name>/<files>, without NuGet's own metadata.
        ExtractedModule = Path.Combine(Scratch, "extracted", "ArgilPS");
        ZipFile.ExtractToDirectory(PackagePath, ExtractedModule);
        foreach (string metadata in new[] { "[Content_Types].xml", "ArgilPS.nuspec" }) File.Delete(Path.Combine(ExtractedModule, metadata));
        Directory.Delete(Path.Combine(ExtractedModule, "_rels"), recursive: true);
        Directory.Delete(Path.Combine(ExtractedModule, "package"), recursive: true);
    }

    public string Scratch { get; }
    public int ExitCode { get; }
    public string Log { get; }
    public string PackagePath { get; } = "";
    public IReadOnlyList<string> Entries { get; } = Array.Empty<string>();
    public XDocument Nuspec { get; } = new();
    public string ExtractedModule { get; } = "";

    public XElement Metadata => Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    public string? Value(string element) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element)?.Value;

    public IReadOnlyList<string> Tags => (Value("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
