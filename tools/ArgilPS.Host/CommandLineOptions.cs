using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.Host
{
    /// <summary>The parsed argilps-host command line (a small subset of pwsh's).</summary>
    internal sealed class CommandLineOptions
    {
        internal const string Usage =
@"Usage:
  argilps-host [options] [-File] <script.ps1> [script arguments...]
  argilps-host [options] -Command <text>

Options:
  -File, -f <script.ps1>   Run a script file; everything after it is passed to the script.
  -Command, -c <text>      Run PowerShell text; remaining arguments are joined to it.
  -Module <path.psd1>      Import this module first (default: out/ArgilPS/ArgilPS.psd1
                           of the ArgilPS repository containing the current directory).
  -NoModule                Do not import any module.
  -Help, -h, -?            Show this help.

Exit code: the script's 'exit N'; otherwise 1 after a terminating error, 2 for a
command-line error, 130 when stopped with Ctrl+C, and 0 on success.";

        private CommandLineOptions()
        {
        }

        internal string? ScriptPath { get; private set; }

        internal IReadOnlyList<string> ScriptArguments { get; private set; } = Array.Empty<string>();

        internal string? CommandText { get; private set; }

        internal string? ModulePath { get; private set; }

        internal bool NoModule { get; private set; }

        internal bool ShowHelp { get; private set; }

        /// <exception cref="CommandLineException">The arguments are not valid.</exception>
        internal static CommandLineOptions Parse(IReadOnlyList<string> args)
        {
            var options = new CommandLineOptions();
            for (int i = 0; i < args.Count; i++)
            {
                string arg = args[i];
                if (!IsOption(arg))
                {
                    options.SetScript(arg, args.Skip(i + 1));
                    break;
                }

                switch (OptionName(arg))
                {
                    case "file":
                    case "f":
                        options.SetScript(ValueOf(args, ref i), args.Skip(i + 1));
                        i = args.Count;
                        break;
                    case "command":
                    case "c":
                        string first = ValueOf(args, ref i);
                        options.CommandText = string.Join(" ", new[] { first }.Concat(args.Skip(i + 1)));
                        i = args.Count;
                        break;
                    case "module":
                        options.ModulePath = ValueOf(args, ref i);
                        break;
                    case "nomodule":
                        options.NoModule = true;
                        break;
                    case "help":
                    case "h":
                    case "?":
                        options.ShowHelp = true;
                        return options;
                    default:
                        throw new CommandLineException($"Unknown option '{arg}'.");
                }
            }

            options.Validate();
            return options;
        }

        private static bool IsOption(string arg) => arg.Length > 1 && (arg[0] == '-' || arg == "/?");

        private static string OptionName(string arg) => arg.TrimStart('-', '/').ToLowerInvariant();

        private static string ValueOf(IReadOnlyList<string> args, ref int index)
        {
            string option = args[index];
            if (index + 1 >= args.Count)
            {
                throw new CommandLineException($"Option '{option}' requires a value.");
            }

            index++;
            return args[index];
        }

        private void SetScript(string path, IEnumerable<string> scriptArguments)
        {
            ScriptPath = path;
            ScriptArguments = scriptArguments.ToArray();
        }

        private void Validate()
        {
            if (ScriptPath is null && CommandText is null)
            {
                throw new CommandLineException("Nothing to run: give a script file or -Command.");
            }

            if (ScriptPath is not null && !ScriptPath.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
            {
                throw new CommandLineException($"The script file '{ScriptPath}' must have the .ps1 extension.");
            }

            if (NoModule && ModulePath is not null)
            {
                throw new CommandLineException("-Module and -NoModule cannot be used together.");
            }
        }
    }

    /// <summary>An invalid command line; the message is shown with the usage text.</summary>
    internal sealed class CommandLineException : Exception
    {
        internal CommandLineException(string message)
            : base(message)
        {
        }
    }
}
