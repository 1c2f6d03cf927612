using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ArgilPS.Packager
{
    /// <summary>
    /// Writes the nuspec Publish-PSResource writes for a module (same elements, same order, same
    /// namespace), with the tags the PowerShell Gallery uses for search: PSModule, the manifest's
    /// tags, PSEdition_* from CompatiblePSEditions, PSIncludes_*, PSCmdlet_*, PSFunction_* and
    /// PSCommand_* for the exported commands. Adds a files element listing the module's files, so the
    /// package holds exactly the module folder (NuGet drops that element from the packed nuspec).
    /// </summary>
    public static class NuspecBuilder
    {
        public static readonly XNamespace Namespace = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";

        public static IReadOnlyList<string> Tags(ModuleMetadata module)
        {
            var tags = new List<string> { "PSModule" };
            tags.AddRange(module.Tags);
            tags.AddRange(module.CompatiblePSEditions.Select(e => "PSEdition_" + e));
            if (module.ExportedCmdlets.Count > 0)
            {
                tags.Add("PSIncludes_Cmdlet");
                tags.AddRange(module.ExportedCmdlets.Select(c => "PSCmdlet_" + c));
            }

            if (module.ExportedFunctions.Count > 0)
            {
                tags.Add("PSIncludes_Function");
                tags.AddRange(module.ExportedFunctions.Select(f => "PSFunction_" + f));
            }

            tags.AddRange(module.ExportedCmdlets.Concat(module.ExportedFunctions).Concat(module.ExportedAliases).Select(c => "PSCommand_" + c));
            return tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <param name="files">Paths relative to the module folder, with '/' separators.</param>
        public static XDocument Build(ModuleMetadata module, IEnumerable<string>? files = null)
        {
            var metadata = new XElement(Namespace + "metadata", new XElement(Namespace + "id", module.Name));
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) metadata.Add(new XElement(Namespace + name, value.Trim()));
            }

            Add("licenseUrl", module.LicenseUri);
            Add("projectUrl", module.ProjectUri);
            Add("iconUrl", module.IconUri);
            Add("releaseNotes", module.ReleaseNotes);
            Add("requireLicenseAcceptance", module.RequireLicenseAcceptance ? "true" : "false");
            Add("version", module.Version);
            Add("authors", module.Author);
            Add("owners", module.CompanyName);
            Add("description", module.Description);
            Add("copyright", module.Copyright);
            Add("tags", string.Join(" ", Tags(module)));

            if (module.Dependencies is not null)
            {
                var dependencies = new XElement(Namespace + "dependencies");
                foreach (ModuleDependency dependency in module.Dependencies)
                {
                    var element = new XElement(Namespace + "dependency", new XAttribute("id", dependency.Id));
                    if (dependency.VersionRange.Length > 0) element.Add(new XAttribute("version", dependency.VersionRange));
                    dependencies.Add(element);
                }

                metadata.Add(dependencies);
            }

            var package = new XElement(Namespace + "package", metadata);
            if (files is not null)
            {
                package.Add(new XElement(Namespace + "files", files.Select(f =>
                    new XElement(Namespace + "file", new XAttribute("src", f), new XAttribute("target", DirectoryOf(f))))));
            }

            return new XDocument(new XDeclaration("1.0", "utf-8", null), package);
        }

        private static string DirectoryOf(string relativePath)
        {
            int slash = relativePath.LastIndexOf('/');
            return slash < 0 ? string.Empty : relativePath.Substring(0, slash);
        }

        /// <summary>
        /// The module folder's files, relative and sorted; never a nuspec or nupkg lying there, nor a .pdb
        /// (the build leaves ArgilPS.pdb in out/ArgilPS for debugging; users of the package have no use for it).
        /// </summary>
        private static readonly string[] ExcludedExtensions = { ".nuspec", ".nupkg", ".pdb" };

        public static IReadOnlyList<string> ModuleFiles(string moduleFolder)
        {
            string root = Path.GetFullPath(moduleFolder);
            return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => !ExcludedExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
    }
}
