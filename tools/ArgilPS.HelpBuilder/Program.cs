using System;
using System.Collections.Generic;
using System.IO;

namespace ArgilPS.HelpBuilder
{
    /// <summary>
    /// <c>argilps-helpbuilder --markdown docs/en-US --out out/ArgilPS/en-US --module ArgilPS</c>.
    /// Exit codes: 0 written, 1 malformed markdown (one <c>file:line: problem</c> per file on
    /// stderr), 2 bad command line.
    /// </summary>
    public static class Program
    {
        private const string Usage = "usage: argilps-helpbuilder --markdown <docs folder> --out <output folder> --module <ModuleName>";

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] is "-h" or "--help")
                {
                    output.WriteLine(Usage);
                    return 0;
                }

                if (args[i] is not ("--markdown" or "--out" or "--module") || i + 1 >= args.Length)
                {
                    error.WriteLine($"unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
                }

                options[args[i]] = args[++i];
            }

            if (!options.TryGetValue("--markdown", out string? markdown) || !options.TryGetValue("--out", out string? outFolder)
                || !options.TryGetValue("--module", out string? module))
            {
                error.WriteLine(Usage);
                return 2;
            }

            if (!Directory.Exists(markdown))
            {
                error.WriteLine($"markdown folder '{markdown}' does not exist");
                return 2;
            }

            HelpDocs docs = HelpDocs.Load(markdown, module);
            if (docs.Errors.Count > 0)
            {
                foreach (HelpFormatException problem in docs.Errors)
                {
                    error.WriteLine(problem.Message);
                }

                return 1;
            }

            foreach (string path in docs.WriteTo(outFolder))
            {
                output.WriteLine($"wrote {path}");
            }

            return 0;
        }
    }
}
