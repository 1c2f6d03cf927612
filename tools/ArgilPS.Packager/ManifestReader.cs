using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ArgilPS.Packager
{
    /// <summary>
    /// Reads a module folder's manifest through the hosted PowerShell engine: Test-ModuleManifest
    /// validates it (the check Publish-PSResource makes before packing) and gives the exported commands,
    /// Import-PowerShellDataFile gives the raw values (PrivateData.PSData, RequiredModules).
    /// </summary>
    public static class ManifestReader
    {
        /// <summary>Finds the manifest in <paramref name="moduleFolder"/>: &lt;folder name&gt;.psd1, or the only .psd1 there.</summary>
        public static string FindManifest(string moduleFolder)
        {
            if (!Directory.Exists(moduleFolder))
            {
                throw new PackagingException(ExitCodes.ModuleNotFound,
                    $"The module folder '{moduleFolder}' does not exist. Build the module first ('dotnet build' at the repository root lays it out in out/ArgilPS).");
            }

            string folder = Path.GetFullPath(moduleFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            string named = Path.Combine(folder, Path.GetFileName(folder) + ".psd1");
            if (File.Exists(named)) return named;

            string[] manifests = Directory.GetFiles(folder, "*.psd1", SearchOption.TopDirectoryOnly);
            return manifests.Length switch
            {
                1 => manifests[0],
                0 => throw new PackagingException(ExitCodes.ModuleNotFound,
                    $"The module folder '{folder}' holds no module manifest (.psd1). Build the module first ('dotnet build' at the repository root)."),
                _ => throw new PackagingException(ExitCodes.InvalidManifest,
                    $"The module folder '{folder}' holds several .psd1 files and none is named '{Path.GetFileName(named)}'; cannot tell which is the manifest."),
            };
        }

        public static ModuleMetadata Read(string manifestPath)
        {
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            using Runspace runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();

            PSModuleInfo module = TestModuleManifest(runspace, manifestPath);
            Hashtable data = ImportDataFile(runspace, manifestPath);
            Hashtable psData = Table(Table(data["PrivateData"])?["PSData"]) ?? new Hashtable(StringComparer.OrdinalIgnoreCase);

            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(module.Author)) problems.Add("Author is missing.");
            if (string.IsNullOrWhiteSpace(module.Description)) problems.Add("Description is missing.");
            string version = NormalizedVersion(module.Version, Text(psData["Prerelease"]), problems);
            List<string> tags = Strings(psData["Tags"]);
            foreach (string tag in tags.Where(t => t.Any(char.IsWhiteSpace)))
                problems.Add($"PrivateData.PSData.Tags: '{tag}' contains white space; package tags are separated by spaces.");
            if (problems.Count > 0) throw InvalidManifest(manifestPath, problems);

            List<string> cmdlets = module.ExportedCmdlets.Keys.ToList();
            if (cmdlets.Count == 0) cmdlets = Strings(data["CmdletsToExport"]).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToList();

            return new ModuleMetadata
            {
                Name = Path.GetFileNameWithoutExtension(manifestPath),
                Version = version,
                Author = module.Author,
                CompanyName = module.CompanyName,
                Description = module.Description,
                Copyright = module.Copyright,
                ReleaseNotes = Text(psData["ReleaseNotes"]),
                ProjectUri = Text(psData["ProjectUri"]),
                LicenseUri = Text(psData["LicenseUri"]),
                IconUri = Text(psData["IconUri"]),
                RequireLicenseAcceptance = psData["RequireLicenseAcceptance"] is object accept && LanguagePrimitives.IsTrue(accept),
                Tags = tags,
                CompatiblePSEditions = module.CompatiblePSEditions.ToList(),
                ExportedCmdlets = cmdlets,
                ExportedFunctions = module.ExportedFunctions.Keys.ToList(),
                ExportedAliases = module.ExportedAliases.Keys.ToList(),
                Dependencies = data.ContainsKey("RequiredModules") ? RequiredModules(data["RequiredModules"], manifestPath) : null,
            };
        }

        private static PSModuleInfo TestModuleManifest(Runspace runspace, string manifestPath)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Microsoft.PowerShell.Core\\Test-ModuleManifest").AddParameter("Path", manifestPath);
            List<PSObject> output;
            try
            {
                output = ps.Invoke().ToList();
            }
            catch (RuntimeException e)
            {
                throw InvalidManifest(manifestPath, new[] { e.Message });
            }

            var errors = ps.Streams.Error.Select(e => e.ToString()).ToList();
            PSModuleInfo? module = output.Select(o => o?.BaseObject).OfType<PSModuleInfo>().FirstOrDefault();
            if (errors.Count > 0 || module is null)
            {
                throw InvalidManifest(manifestPath, errors.Count > 0 ? errors : new List<string> { "Test-ModuleManifest returned no module." });
            }

            return module;
        }

        private static Hashtable ImportDataFile(Runspace runspace, string manifestPath)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Microsoft.PowerShell.Utility\\Import-PowerShellDataFile").AddParameter("Path", manifestPath);
            try
            {
                Hashtable? data = ps.Invoke().Select(o => o?.BaseObject).OfType<Hashtable>().FirstOrDefault();
                if (data is null || ps.HadErrors)
                {
                    throw InvalidManifest(manifestPath, ps.Streams.Error.Select(e => e.ToString()).DefaultIfEmpty("Import-PowerShellDataFile returned nothing."));
                }

                return data;
            }
            catch (RuntimeException e)
            {
                throw InvalidManifest(manifestPath, new[] { e.Message });
            }
        }

        /// <summary>NuGet's normalized form (1.2.0, 1.2.3.4, 1.2.0-beta1), as the Gallery names the package.</summary>
        internal static string NormalizedVersion(Version? version, string? prerelease, List<string> problems)
        {
            if (version is null)
            {
                problems.Add("ModuleVersion is missing.");
                return string.Empty;
            }

            string text = $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
            if (version.Revision > 0) text += "." + version.Revision;
            if (!string.IsNullOrWhiteSpace(prerelease))
            {
                if (!prerelease.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.'))
                {
                    problems.Add($"PrivateData.PSData.Prerelease '{prerelease}' is not a valid prerelease label (ASCII letters, digits, '-' and '.').");
                }

                text += "-" + prerelease.Trim();
            }

            return text;
        }

        /// <summary>
        /// RequiredModules as NuGet dependencies, the way PSResourceGet maps them: a name alone is any
        /// version; RequiredVersion is exact; ModuleVersion is a minimum; MaximumVersion an inclusive maximum.
        /// </summary>
        internal static IReadOnlyList<ModuleDependency> RequiredModules(object? value, string manifestPath)
        {
            var dependencies = new List<ModuleDependency>();
            foreach (object? item in Items(value))
            {
                if (Table(item) is Hashtable spec)
                {
                    string? name = Text(spec["ModuleName"]);
                    if (string.IsNullOrWhiteSpace(name)) throw InvalidManifest(manifestPath, new[] { "A RequiredModules entry has no ModuleName." });
                    string? required = Text(spec["RequiredVersion"]);
                    string? minimum = Text(spec["ModuleVersion"]);
                    string? maximum = Text(spec["MaximumVersion"]);
                    string range = required is not null ? $"[{required}]"
                        : minimum is not null && maximum is not null ? $"[{minimum},{maximum}]"
                        : minimum is not null ? minimum
                        : maximum is not null ? $"(,{maximum}]"
                        : string.Empty;
                    dependencies.Add(new ModuleDependency(name, range));
                }
                else if (Text(item) is string name)
                {
                    dependencies.Add(new ModuleDependency(name, string.Empty));
                }
            }

            return dependencies;
        }

        private static PackagingException InvalidManifest(string manifestPath, IEnumerable<string> problems) =>
            new(ExitCodes.InvalidManifest, $"The module manifest '{manifestPath}' is not valid:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        private static Hashtable? Table(object? value) => Unwrap(value) as Hashtable;

        private static string? Text(object? value)
        {
            value = Unwrap(value);
            return value switch
            {
                null => null,
                string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
                IEnumerable list => string.Join("\n", Items(list).Select(Unwrap).Where(v => v is not null)).Trim() is { Length: > 0 } joined ? joined : null,
                _ => value.ToString()?.Trim(),
            };
        }

        private static IEnumerable<object?> Items(object? value)
        {
            value = Unwrap(value);
            if (value is null) yield break;
            if (value is string or Hashtable)
            {
                yield return value;
                yield break;
            }

            if (value is IEnumerable list)
            {
                foreach (object? item in list) yield return Unwrap(item);
                yield break;
            }

            yield return value;
        }

        private static List<string> Strings(object? value) =>
            Items(value).Select(v => v?.ToString()?.Trim()).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
    }
}
