using System.Collections.Generic;
using System.IO;

namespace ArgilPS.Host
{
    /// <summary>
    /// Finds the ArgilPS module built by <c>dotnet build</c>, so that scripts in the repository
    /// (such as the README quickstart) can run without telling the host where the module is.
    /// </summary>
    internal static class ModuleLocator
    {
        internal const string SolutionFileName = "ArgilPS.sln";

        internal static readonly string ManifestRelativePath = Path.Combine("out", "ArgilPS", "ArgilPS.psd1");

        /// <summary>
        /// Walks up from each start directory in turn to the first folder holding ArgilPS.sln.
        /// Returns the repository root, or null when none of the directories is inside the repository.
        /// </summary>
        internal static string? FindRepositoryRoot(IEnumerable<string> startDirectories)
        {
            foreach (string start in startDirectories)
            {
                for (DirectoryInfo? dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                    {
                        return dir.FullName;
                    }
                }
            }

            return null;
        }

        /// <summary>Resolves the default module manifest, or explains why it is not available.</summary>
        internal static bool TryFindDefaultManifest(
            IEnumerable<string> startDirectories,
            out string manifestPath,
            out string problem)
        {
            string? root = FindRepositoryRoot(startDirectories);
            if (root is null)
            {
                manifestPath = string.Empty;
                problem = $"Could not find the ArgilPS repository ({SolutionFileName}) above the current directory "
                    + "or the host. Pass -Module <path to ArgilPS.psd1>, or -NoModule.";
                return false;
            }

            manifestPath = Path.Combine(root, ManifestRelativePath);
            if (!File.Exists(manifestPath))
            {
                problem = $"The ArgilPS module has not been built: '{manifestPath}' does not exist. "
                    + $"Run 'dotnet build' in '{root}' first.";
                return false;
            }

            problem = string.Empty;
            return true;
        }
    }
}
