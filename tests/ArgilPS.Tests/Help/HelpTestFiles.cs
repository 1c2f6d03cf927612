using System;
using System.IO;

namespace ArgilPS.Tests.Help
{
    /// <summary>Locates <c>tests/help-fixtures</c> and hands out throw-away folders.</summary>
    internal static class HelpTestFiles
    {
        /// <summary>The markdown for <see cref="GetHelpSampleCommand"/> and about_HelpSample.</summary>
        public static string SampleDocs => Path.Combine(FixturesRoot, "sample");

        public static string SamplePage => File.ReadAllText(Path.Combine(SampleDocs, "Get-HelpSample.md"));

        public static string SampleAbout => File.ReadAllText(Path.Combine(SampleDocs, "about_HelpSample.md"));

        /// <summary>
        /// Found by walking up from the test binaries, so the fixtures are read in place
        /// rather than copied into every build output.
        /// </summary>
        public static string FixturesRoot
        {
            get
            {
                for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "tests", "help-fixtures");
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                throw new DirectoryNotFoundException("tests/help-fixtures not found above " + AppContext.BaseDirectory);
            }
        }

        public static string NewTempFolder()
        {
            string path = Path.Combine(Path.GetTempPath(), "argilps-help-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
