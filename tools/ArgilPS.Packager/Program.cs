using System;
using System.Collections.Generic;
using System.IO;

namespace ArgilPS.Packager
{
    /// <summary>
    /// <c>argilps-packager --module out/ArgilPS --out out/package [--work &lt;folder&gt;]</c>: packs the built
    /// module into &lt;out&gt;/ArgilPS.&lt;version&gt;.nupkg, the package Publish-PSResource would send to the
    /// PowerShell Gallery. It only ever removes what it created itself (see <see cref="Usage"/>).
    /// Exit codes: see <see cref="ExitCodes"/>.
    /// </summary>
    public static class Program
    {
        internal const string Usage =
            "usage: argilps-packager [--module <module folder>] [--out <package folder>] [--work <folder>]" + "\n" +
            "  --module  the laid-out module (default: out/ArgilPS); read only. Its .pdb files are left out of the package." + "\n" +
            "  --out     where <Name>.<Version>.nupkg is written (default: out/package; created if missing)." + "\n" +
            "            The package is copied there under a temporary name (.<Name>.<Version>.nupkg.<random>.tmp) and" + "\n" +
            "            renamed over <Name>.<Version>.nupkg, replacing an older file of that exact name. Nothing else" + "\n" +
            "            in the folder is touched: packages of other versions and other files stay." + "\n" +
            "  --work    where to create the scratch folder (default: the system temp folder). The packager makes a" + "\n" +
            "            new folder argilps-packager-<random> there for the generated nuspec and stub project, and" + "\n" +
            "            deletes that folder, and only that, when it ends. Nothing else in --work is touched." + "\n" +
            "Folders it had to create for --out or --work are removed again if they are left empty." + "\n" +
            "Exit codes: 0 written; 1 dotnet pack failed or the package could not be written; 2 bad command line;" + "\n" +
            "3 module folder or manifest missing; 4 manifest invalid.";

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] is "-h" or "--help")
                {
                    output.WriteLine(Usage);
                    return ExitCodes.Success;
                }

                string? problem = args[i] is not ("--module" or "--out" or "--work") ? $"unexpected argument '{args[i]}'"
                    : i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]) ? $"{args[i]} needs a folder path"
                    : null;
                if (problem is not null)
                {
                    error.WriteLine("argilps-packager: " + problem);
                    error.WriteLine(Usage);
                    return ExitCodes.Usage;
                }

                options[args[i]] = args[++i];
            }

            string moduleFolder = Path.GetFullPath(options.GetValueOrDefault("--module") ?? Path.Combine("out", "ArgilPS"));
            string outFolder = Path.GetFullPath(options.GetValueOrDefault("--out") ?? Path.Combine("out", "package"));
            string? workParent = options.TryGetValue("--work", out string? work) ? Path.GetFullPath(work) : null;

            try
            {
                string manifest = ManifestReader.FindManifest(moduleFolder);
                output.WriteLine($"Reading {manifest}");
                ModuleMetadata module = ManifestReader.Read(manifest);
                output.WriteLine($"Packing {module.Name} {module.Version} with dotnet pack");
                NupkgPacker.Result result = NupkgPacker.Pack(moduleFolder, module, outFolder, workParent, output);
                output.WriteLine($"Package: {result.PackagePath}");
                return ExitCodes.Success;
            }
            catch (PackagingException e)
            {
                error.WriteLine("argilps-packager: " + e.Message);
                return e.ExitCode;
            }
        }
    }
}
