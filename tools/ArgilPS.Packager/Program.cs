using System;
using System.Collections.Generic;
using System.IO;

namespace ArgilPS.Packager
{
    /// <summary>
    /// <c>argilps-packager --module out/ArgilPS --out out/package [--work &lt;folder&gt;]</c>: packs the built
    /// module into &lt;out&gt;/ArgilPS.&lt;version&gt;.nupkg, the package Publish-PSResource would send to the
    /// PowerShell Gallery. Exit codes: see <see cref="ExitCodes"/>.
    /// </summary>
    public static class Program
    {
        internal const string Usage =
            "usage: argilps-packager [--module <module folder>] [--out <package folder>] [--work <scratch folder>]" + "\n" +
            "  --module  the laid-out module (default: out/ArgilPS)" + "\n" +
            "  --out     where ArgilPS.<version>.nupkg is written (default: out/package)" + "\n" +
            "  --work    scratch folder for the generated nuspec and stub project (default: <out>/../obj/packager)";

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

                if (args[i] is not ("--module" or "--out" or "--work") || i + 1 >= args.Length)
                {
                    error.WriteLine($"argilps-packager: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return ExitCodes.Usage;
                }

                options[args[i]] = args[++i];
            }

            string moduleFolder = Path.GetFullPath(options.GetValueOrDefault("--module") ?? Path.Combine("out", "ArgilPS"));
            string outFolder = Path.GetFullPath(options.GetValueOrDefault("--out") ?? Path.Combine("out", "package"));
            string workFolder = Path.GetFullPath(options.GetValueOrDefault("--work")
                ?? Path.Combine(Path.GetDirectoryName(outFolder) ?? outFolder, "obj", "packager"));

            try
            {
                string manifest = ManifestReader.FindManifest(moduleFolder);
                output.WriteLine($"Reading {manifest}");
                ModuleMetadata module = ManifestReader.Read(manifest);
                output.WriteLine($"Packing {module.Name} {module.Version} with dotnet pack");
                NupkgPacker.Result result = NupkgPacker.Pack(moduleFolder, module, outFolder, workFolder, output);
                output.WriteLine($"Nuspec:  {result.NuspecPath}");
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
