using System;
using System.IO;
using System.Threading;

namespace ArgilPS.Host
{
    /// <summary>Entry point of argilps-host: runs a PowerShell script with the ArgilPS module, without pwsh.</summary>
    public static class HostProgram
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error, Console.In);

        /// <summary>
        /// Runs the host with the given streams and returns the process exit code. Streams other than
        /// the process console are treated as redirected (no colours, 120 columns, no prompting).
        /// </summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
        {
            HostConsole console = HostConsole.Create(stdout, stderr, stdin);
            using var cancellation = new CancellationTokenSource();
            if (!console.UsesSystemConsole)
            {
                return Run(args, console, cancellation.Token);
            }

            ConsoleCancelEventHandler onCancelKey = (_, e) =>
            {
                // First Ctrl+C stops the pipeline; a second one, if it is stuck, ends the process.
                e.Cancel = !cancellation.IsCancellationRequested;
                cancellation.Cancel();
            };
            Console.CancelKeyPress += onCancelKey;
            try
            {
                return Run(args, console, cancellation.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancelKey;
            }
        }

        internal static int Run(string[] args, HostConsole console, CancellationToken cancellation)
        {
            CommandLineOptions options;
            try
            {
                options = CommandLineOptions.Parse(args);
            }
            catch (CommandLineException exception)
            {
                console.Error.WriteLine("argilps-host: " + exception.Message);
                console.Error.WriteLine();
                console.Error.WriteLine(CommandLineOptions.Usage);
                return ExitCodes.Usage;
            }

            if (options.ShowHelp)
            {
                console.Output.WriteLine(CommandLineOptions.Usage);
                return ExitCodes.Success;
            }

            if (options.ScriptPath is not null && !File.Exists(options.ScriptPath))
            {
                console.Error.WriteLine($"argilps-host: The script file '{options.ScriptPath}' does not exist.");
                return ExitCodes.Usage;
            }

            string? modulePath = options.ModulePath;
            if (modulePath is null && !options.NoModule)
            {
                string[] searchFrom = { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
                if (!ModuleLocator.TryFindDefaultManifest(searchFrom, out string found, out string problem))
                {
                    console.Error.WriteLine("argilps-host: " + problem);
                    return ExitCodes.Failure;
                }

                modulePath = found;
            }

            using var runner = new ScriptRunner(console);
            return runner.Run(options, modulePath, cancellation);
        }
    }
}
