using System;
using System.IO;
using System.Threading;
using ArgilPS.Host;

namespace ArgilPS.Tests.Host
{
    /// <summary>Runs argilps-host in-process against string streams and captures what it printed.</summary>
    internal sealed class HostRun
    {
        private HostRun(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        /// <summary>Runs through the public entry point: streams are redirected, stdin is empty.</summary>
        public static HostRun Redirected(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exitCode = HostProgram.Run(args, stdout, stderr, new StringReader(string.Empty));
            return new HostRun(exitCode, stdout.ToString(), stderr.ToString());
        }

        /// <summary>Runs as if a person were typing <paramref name="typedInput"/> at an interactive console.</summary>
        public static HostRun Interactive(string typedInput, params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var console = new HostConsole(
                stdout,
                stderr,
                new StringReader(typedInput),
                isOutputTerminal: false,
                isInputInteractive: true,
                usesSystemConsole: false);
            int exitCode = HostProgram.Run(args, console, CancellationToken.None);
            return new HostRun(exitCode, stdout.ToString(), stderr.ToString());
        }

        public override string ToString() =>
            $"exit {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Output}--- stderr ---{Environment.NewLine}{Error}";
    }
}
