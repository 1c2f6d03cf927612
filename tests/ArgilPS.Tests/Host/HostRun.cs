using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;
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

        /// <summary>Runs as the public entry point does with redirected streams: stdin is empty.</summary>
        public static HostRun Redirected(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var console = HostConsole.Create(stdout, stderr, new StringReader(string.Empty));
            int exitCode = WithinTimeLimit(args, console);
            return new HostRun(exitCode, stdout.ToString(), stderr.ToString());
        }

        /// <summary>
        /// Runs the host within the tests' time limit: past it, the host is stopped as Ctrl+C would
        /// (and abandoned if it will not stop), and the test fails saying so.
        /// </summary>
        private static int WithinTimeLimit(string[] args, HostConsole console)
        {
            using var limit = new CancellationTokenSource(TimeLimit.PerInvocation);
            var run = Task.Run(() => HostProgram.Run(args, console, limit.Token));
            var what = "argilps-host " + string.Join(" ", args);
            if (!run.Wait(TimeLimit.PerInvocation + TimeLimit.ForStop))
                throw new TimeLimitExceededException(TimeLimit.Exceeded(what, TimeLimit.PerInvocation, abandoned: true));
            if (limit.IsCancellationRequested)
                throw new TimeLimitExceededException(TimeLimit.Exceeded(what, TimeLimit.PerInvocation, abandoned: false));
            return run.Result;
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
            int exitCode = WithinTimeLimit(args, console);
            return new HostRun(exitCode, stdout.ToString(), stderr.ToString());
        }

        public override string ToString() =>
            $"exit {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Output}--- stderr ---{Environment.NewLine}{Error}";
    }
}
