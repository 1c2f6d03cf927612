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
    /// the module folder) into a work folder and runs <c>dotnet pack</c> on it. The stub builds nothing
    /// that ends up in the package; the nuspec's files element decides the content.
    /// </summary>
    public static class NupkgPacker
    {
        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

        public sealed record Result(string PackagePath, string NuspecPath);

        public static Result Pack(string moduleFolder, ModuleMetadata module, string outputFolder, string workFolder, TextWriter log)
        {
            moduleFolder = Path.GetFullPath(moduleFolder);
            outputFolder = Path.GetFullPath(outputFolder);
            workFolder = Path.GetFullPath(workFolder);

            if (Directory.Exists(workFolder)) Directory.Delete(workFolder, recursive: true);
            Directory.CreateDirectory(workFolder);
            Directory.CreateDirectory(outputFolder);

            string packageName = $"{module.Name}.{module.Version}.nupkg";
            string packagePath = Path.Combine(outputFolder, packageName);
            // One package per output folder, so `out/package/*.nupkg` is the one just made.
            foreach (string stale in Directory.GetFiles(outputFolder, module.Name + ".*.nupkg")) File.Delete(stale);

            string nuspecPath = Path.Combine(workFolder, module.Name + ".nuspec");
            using (var writer = System.Xml.XmlWriter.Create(nuspecPath, new System.Xml.XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) }))
            {
                NuspecBuilder.Build(module, NuspecBuilder.ModuleFiles(moduleFolder)).Save(writer);
            }

            string projectPath = Path.Combine(workFolder, module.Name + ".Package.csproj");
            StubProject(nuspecPath, moduleFolder, outputFolder).Save(projectPath);

            RunDotnetPack(projectPath, workFolder, log);

            if (!File.Exists(packagePath))
            {
                throw new PackagingException(ExitCodes.PackFailed, $"dotnet pack succeeded but '{packagePath}' was not written.");
            }

            return new Result(packagePath, nuspecPath);
        }

        /// <summary>
        /// A project that only packs the nuspec. Directory.Build.props/targets of the repository are not
        /// imported (its warnings-as-errors would turn NuGet's licenseUrl deprecation notice, NU5125,
        /// which Gallery modules cannot avoid, into an error).
        /// </summary>
        private static XDocument StubProject(string nuspecPath, string moduleFolder, string outputFolder) =>
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
                    new XElement("PackageOutputPath", outputFolder)),
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
