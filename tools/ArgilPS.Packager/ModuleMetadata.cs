using System;
using System.Collections.Generic;

namespace ArgilPS.Packager
{
    /// <summary>A module dependency from RequiredModules, with its NuGet version range (empty: any version).</summary>
    public sealed record ModuleDependency(string Id, string VersionRange);

    /// <summary>What the nuspec is made of: the manifest's values, already validated by the engine.</summary>
    public sealed class ModuleMetadata
    {
        /// <summary>The package id: the manifest's file name, as PSResourceGet names it.</summary>
        public required string Name { get; init; }

        /// <summary>ModuleVersion (plus PSData.Prerelease), in NuGet's normalized form.</summary>
        public required string Version { get; init; }

        public string? Author { get; init; }
        public string? CompanyName { get; init; }
        public string? Description { get; init; }
        public string? Copyright { get; init; }
        public string? ReleaseNotes { get; init; }
        public string? ProjectUri { get; init; }
        public string? LicenseUri { get; init; }
        public string? IconUri { get; init; }
        public bool RequireLicenseAcceptance { get; init; }
        public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> CompatiblePSEditions { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> ExportedCmdlets { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> ExportedFunctions { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> ExportedAliases { get; init; } = Array.Empty<string>();

        /// <summary>Null when the manifest has no RequiredModules: the nuspec then has no dependencies element.</summary>
        public IReadOnlyList<ModuleDependency>? Dependencies { get; init; }
    }
}
