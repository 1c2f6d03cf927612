using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ArgilPS.Packager
{
    /// <summary>
    /// Packs with the .NET SDK alone: writes the nuspec and a stub project (NuspecFile, NuspecBasePath =
    /// the module folder) into a scratch folder of its own and runs <c>dotnet pack</c> on it. The stub
    /// builds nothing that ends up in the package; the nuspec's files element decides the content.
    /// What it writes and removes: the scratch folder (created new, deleted at the end with its content);
    /// in the output folder, a temporary copy of the package under a dotted name, renamed over
    /// &lt;Name&gt;.&lt;Version&gt;.nupkg; nothing else, and no file it did not create is ever deleted.
    /// </summary>
    public static class NupkgPacker
    {
        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

        public sealed record Result(string PackagePath);

        /// <param name="workParent">Where to create the scratch folder; null: the system temp folder.</param>
        public static Result Pack(string moduleFolder, ModuleMetadata module, string outputFolder, string? workParent, TextWriter log)
        {
            moduleFolder = Path.GetFullPath(moduleFolder);
            outputFolder = Path.GetFullPath(outputFolder);
            if (workParent is not null) workParent = Path.GetFullPath(workParent);

            // Listed before anything is created, so that an --out or --work inside the module folder adds nothing to the package.
            IReadOnlyList<string> files = NuspecBuilder.ModuleFiles(moduleFolder);
            string packageName = $"{module.Name}.{module.Version}.nupkg";
            string packagePath = Path.Combine(outputFolder, packageName);

            var owned = new OwnedFolders();
            string? scratch = null;
            try
            {
                Attempt(() => owned.Create(outputFolder), $"--out: could not create the folder '{outputFolder}'");
                if (Directory.Exists(packagePath))
                {
                    throw new PackagingException(ExitCodes.PackFailed,
                        $"'{packagePath}' is a folder; the packager only replaces a package file of that name. Move the folder away or choose another --out.");
                }

                scratch = Attempt(() => owned.CreateScratch(workParent),
                    workParent is null ? "Could not create a scratch folder in the system temp folder" : $"--work: could not create a scratch folder in '{workParent}'");
                log.WriteLine($"Scratch folder {scratch} (deleted at the end)");
                string nuspecPath = Path.Combine(scratch, module.Name + ".nuspec");
                using (var writer = System.Xml.XmlWriter.Create(nuspecPath, new System.Xml.XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) }))
                {
                    NuspecBuilder.Build(module, files).Save(writer);
                }

                string packedFolder = Path.Combine(scratch, "package");
                string projectPath = Path.Combine(scratch, module.Name + ".Package.csproj");
                StubProject(nuspecPath, moduleFolder, packedFolder).Save(projectPath);

                RunDotnetPack(projectPath, scratch, log);

                string packed = Path.Combine(packedFolder, packageName);
                if (!File.Exists(packed))
                {
                    throw new PackagingException(ExitCodes.PackFailed, $"dotnet pack succeeded but did not write '{packageName}'.");
                }

                MoveIntoPlace(packed, packagePath);
                return new Result(packagePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PackagingException(ExitCodes.PackFailed, $"Could not pack into '{packagePath}': {e.Message}");
            }
            finally
            {
                if (scratch is not null) OwnedFolders.DeleteScratch(scratch, log);
                owned.RemoveEmpty(); // folders it created for --out or --work, when they are empty
            }
        }

        private static void Attempt(Action action, string failure) => Attempt(() => { action(); return 0; }, failure);

        private static T Attempt<T>(Func<T> action, string failure)
        {
            try
            {
                return action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PackagingException(ExitCodes.PackFailed, $"{failure}: {e.Message}");
            }
        }

        /// <summary>
        /// Puts the package at its final name in one step: copied next to it under a temporary dotted name
        /// (same folder, so same volume), then renamed over it. A failure leaves the previous file of that
        /// name as it was, and removes the temporary copy.
        /// </summary>
        private static void MoveIntoPlace(string packed, string packagePath)
        {
            string temporary = Path.Combine(Path.GetDirectoryName(packagePath)!,
                "." + Path.GetFileName(packagePath) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                File.Copy(packed, temporary, overwrite: false);
                File.Move(temporary, packagePath, overwrite: true);
            }
            catch
            {
                try
                {
                    if (File.Exists(temporary)) File.Delete(temporary);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }

                throw;
            }
        }

        /// <summary>
        /// A project that only packs the nuspec. Directory.Build.props/targets of the repository are not
        /// imported (its warnings-as-errors would turn NuGet's licenseUrl deprecation notice, NU5125,
        /// which Gallery modules cannot avoid, into an error).
        /// </summary>
        private static XDocument StubProject(string nuspecPath, string moduleFolder, string packedFolder) =>
            new(new XElement("Project",
                new XElement("PropertyGroup",
                    new XElement("ImportDirectoryBuildProps", "false"),
                    new XElement("ImportDirectoryBuildTargets", "false"),
                    new XElement("ImportDirectoryPackagesProps", "false")),
                new XElement("Import", new XAttribute("Project", "Sdk.props"), new XAttribute("Sdk", "Microsoft.NET.Sdk")),
                new XElement("PropertyGroup",
                    new XElement("TargetFramework", "net10.0"),
                    new XElement("EnableDefaultItems", "false"),
                    new XElement("IncludeBuildOutput", "false"),
                    new XElement("GenerateDocumentationFile", "false"),
                    new XElement("NuGetAudit", "false"),
                    new XElement("NoWarn", "$(NoWarn);NU5100;NU5110;NU5111;NU5125;NU5128"),
                    new XElement("NuspecFile", nuspecPath),
                    new XElement("NuspecBasePath", moduleFolder),
                    new XElement("PackageOutputPath", packedFolder)),
                new XElement("Import", new XAttribute("Project", "Sdk.targets"), new XAttribute("Sdk", "Microsoft.NET.Sdk"))));

        private static void RunDotnetPack(string projectPath, string workFolder, TextWriter log)
        {
            var start = new ProcessStartInfo(DotnetPath())
            {
                WorkingDirectory = workFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "pack", projectPath, "-c", "Release", "-nologo", "-nodeReuse:false", "--disable-build-servers", "-v:minimal" })
                start.ArgumentList.Add(arg);
            // When run from MSBuild, dotnet run or dotnet test, the parent's MSBuild settings must not leak into the child build.
            foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            var output = new List<string>();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            try
            {
                process.Start();
            }
            catch (Exception e)
            {
                throw new PackagingException(ExitCodes.PackFailed, $"Could not start '{start.FileName}': {e.Message}");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(PackTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new PackagingException(ExitCodes.PackFailed, $"dotnet pack did not finish within {PackTimeout.TotalMinutes} minutes.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new PackagingException(ExitCodes.PackFailed,
                    $"dotnet pack failed (exit code {process.ExitCode}):" + Environment.NewLine + string.Join(Environment.NewLine, output));
            }

            foreach (string line in output) log.WriteLine("  " + line);
        }

        private static string DotnetPath()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
        }
    }
}
