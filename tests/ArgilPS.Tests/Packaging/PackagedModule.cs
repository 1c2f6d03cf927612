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
/// Before the run, --out and the user-named --work folder already hold files a user could have there
/// (<see cref="Bystanders"/>: another version's package, unrelated files) and an older file under the
/// exact name of the package, which the run must replace.
/// </summary>
public sealed class PackagedModule : IDisposable
{
    public const string OlderBuildContent = "an older build of the same version";

    public PackagedModule()
    {
        Scratch = Path.Combine(Path.GetTempPath(), "argilps-packaging-tests-" + Guid.NewGuid().ToString("N"));
        OutFolder = Path.Combine(Scratch, "package");
        WorkFolder = Path.Combine(Scratch, "work");
        Version = ManifestReader.Read(ModuleAssembly.ManifestPath).Version;
        PackagePath = Path.Combine(OutFolder, $"ArgilPS.{Version}.nupkg");

        Bystanders = new Dictionary<string, string>
        {
            [Path.Combine(OutFolder, "ArgilPS.0.0.9.nupkg")] = "another version's package",
            [Path.Combine(OutFolder, "notes.txt")] = "a file of the user's",
            [Path.Combine(WorkFolder, "notes.txt")] = "a file of the user's in the work folder",
            [Path.Combine(WorkFolder, "drafts", "draft.txt")] = "another, in a subfolder",
        };
        foreach (var (path, content) in Bystanders)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        File.WriteAllText(PackagePath, OlderBuildContent);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ExitCode = Program.Run(new[] { "--module", ModuleAssembly.ModuleFolder, "--out", OutFolder, "--work", WorkFolder }, stdout, stderr);
        Log = $"exit {ExitCode}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}";
        if (ExitCode != 0 || !IsZip(PackagePath)) return;

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
    public string OutFolder { get; }
    public string WorkFolder { get; }
    public string Version { get; }

    /// <summary>Files placed in --out and --work before the run, with their content.</summary>
    public IReadOnlyDictionary<string, string> Bystanders { get; }

    public int ExitCode { get; }
    public string Log { get; }

    /// <summary>&lt;out&gt;/ArgilPS.&lt;version&gt;.nupkg.</summary>
    public string PackagePath { get; }
    public IReadOnlyList<string> Entries { get; } = Array.Empty<string>();
    public XDocument Nuspec { get; } = new();
    public string ExtractedModule { get; } = "";

    /// <summary>True when the file starts like a zip archive (a .nupkg), rather than like the older file it replaced.</summary>
    public static bool IsZip(string path) => File.Exists(path) && File.ReadAllBytes(path).AsSpan().StartsWith("PK\u0003\u0004"u8);

    public XElement Metadata => Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    public string? Value(string element) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element)?.Value;

    public IReadOnlyList<string> Tags => (Value("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
