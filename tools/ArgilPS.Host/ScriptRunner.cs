using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using Microsoft.PowerShell;

namespace ArgilPS.Host
{
    /// <summary>
    /// Runs the module import and the user's script in one runspace, the way pwsh does:
    /// every pipeline ends in Out-Default with errors merged into it, so objects are formatted by
    /// the loaded format views and errors are shown with $ErrorView (ConciseView).
    /// </summary>
    internal sealed class ScriptRunner : IDisposable
    {
        private readonly ArgilHost _host;
        private readonly Runspace _runspace;
        private readonly object _sync = new object();
        private PowerShell? _running;
        private bool _stopRequested;

        internal ScriptRunner(HostConsole console)
        {
            _host = new ArgilHost(console);
            InitialSessionState state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                // pwsh's default on Windows; without it the SDK falls back to Restricted and no .ps1 runs.
                state.ExecutionPolicy = ExecutionPolicy.RemoteSigned;
            }

            _runspace = RunspaceFactory.CreateRunspace(_host, state);
            _runspace.Open();
            ScriptExitPropagation.Enable(_runspace);
        }

        private enum Outcome
        {
            Completed,
            Failed,
            Stopped,
        }

        /// <summary>Imports the module (if any), runs the script or command text and returns the exit code.</summary>
        internal int Run(CommandLineOptions options, string? modulePath, CancellationToken cancellation)
        {
            using CancellationTokenRegistration registration = cancellation.Register(Stop);
            if (modulePath is not null)
            {
                var import = new Command("Import-Module");
                import.Parameters.Add("Name", modulePath);
                import.Parameters.Add("ErrorAction", ActionPreference.Stop);
                Outcome imported = Execute(import);
                if (imported != Outcome.Completed)
                {
                    return ExitCodeFor(imported);
                }
            }

            if (!TryParse(options))
            {
                return ExitCodes.Failure;
            }

            return ExitCodeFor(Execute(BuildMainCommand(options)));
        }

        public void Dispose() => _runspace.Dispose();

        /// <summary>
        /// Builds the script invocation with pwsh -File argument semantics: "-Name" stays a parameter
        /// name (the binder pairs it with the next argument unless it is a switch), "-Name:value" and
        /// "-Name: value" are named values, everything else is positional and unbound ones land in $args.
        /// </summary>
        private static Command BuildScriptCommand(string scriptPath, IReadOnlyList<string> arguments)
        {
            var command = new Command(Path.GetFullPath(scriptPath), isScript: false);
            string? pendingName = null;
            foreach (string argument in arguments)
            {
                if (pendingName is not null)
                {
                    command.Parameters.Add(new CommandParameter(pendingName, argument));
                    pendingName = null;
                }
                else if (argument.Length > 1 && argument[0] == '-')
                {
                    int colon = argument.IndexOf(':');
                    if (colon < 0)
                    {
                        // Keeping the dash marks it as a bare parameter name rather than a named value of null.
                        command.Parameters.Add(new CommandParameter(argument));
                    }
                    else if (colon == argument.Length - 1)
                    {
                        pendingName = argument.TrimEnd(':');
                    }
                    else
                    {
                        string value = argument.Substring(colon + 1);
                        command.Parameters.Add(new CommandParameter(argument.Substring(0, colon), ToBoolIfPossible(value)));
                    }
                }
                else
                {
                    command.Parameters.Add(new CommandParameter(null, argument));
                }
            }

            return command;
        }

        private static Command BuildMainCommand(CommandLineOptions options) =>
            options.CommandText is not null
                ? new Command(options.CommandText, isScript: true, useLocalScope: false)
                : BuildScriptCommand(options.ScriptPath!, options.ScriptArguments);

        /// <summary>So that "-Force:false" / "-Force:$false" turn a switch off, as in pwsh.</summary>
        private static object ToBoolIfPossible(string value) =>
            bool.TryParse(value.StartsWith('$') ? value.Substring(1) : value, out bool flag) ? flag : value;

        private int ExitCodeFor(Outcome outcome)
        {
            if (_host.RequestedExitCode is int requested)
            {
                return requested;
            }

            return outcome switch
            {
                Outcome.Completed => ExitCodes.Success,
                Outcome.Stopped => ExitCodes.Interrupted,
                _ => ExitCodes.Failure,
            };
        }

        private Outcome Execute(Command command)
        {
            using PowerShell shell = PowerShell.Create();
            shell.Runspace = _runspace;
            command.MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            shell.Commands.AddCommand(command);
            shell.AddCommand("Out-Default");
            lock (_sync)
            {
                if (_stopRequested)
                {
                    return Outcome.Stopped;
                }

                _running = shell;
            }

            try
            {
                shell.Invoke();
                return IsStopRequested() ? Outcome.Stopped : Outcome.Completed;
            }
            catch (PipelineStoppedException) when (IsStopRequested())
            {
                return Outcome.Stopped;
            }
            catch (RuntimeException exception)
            {
                ReportError(exception);
                return Outcome.Failed;
            }
            finally
            {
                lock (_sync)
                {
                    _running = null;
                }
            }
        }

        /// <summary>
        /// Syntax errors are found up front so they are reported uniformly as terminating errors with
        /// ConciseView: invoking a broken script file only writes a non-terminating error, and an
        /// incomplete -Command text throws an exception whose error record ConciseView cannot show.
        /// </summary>
        private bool TryParse(CommandLineOptions options)
        {
            ParseError[] errors;
            if (options.CommandText is not null)
            {
                Parser.ParseInput(options.CommandText, out _, out errors);
            }
            else
            {
                Parser.ParseFile(Path.GetFullPath(options.ScriptPath!), out _, out errors);
            }

            if (errors.Length == 0)
            {
                return true;
            }

            ReportError(new ParseException(errors));
            return false;
        }

        /// <summary>Called on Ctrl+C: stops the pipeline without blocking the signal handler.</summary>
        private void Stop()
        {
            lock (_sync)
            {
                _stopRequested = true;
                _running?.BeginStop(null, null);
            }
        }

        private bool IsStopRequested()
        {
            lock (_sync)
            {
                return _stopRequested;
            }
        }

        /// <summary>
        /// Shows a terminating error with the same $ErrorView rendering (ConciseView) that Out-Default
        /// gives non-terminating errors, and never with a .NET stack trace.
        /// </summary>
        private void ReportError(RuntimeException exception)
        {
            string text;
            try
            {
                using PowerShell shell = PowerShell.Create();
                shell.Runspace = _runspace;
                shell.AddCommand("Out-String").AddParameter("Width", _host.UI.RawUI.BufferSize.Width);
                text = string.Concat(shell.Invoke(new[] { exception.ErrorRecord })).Trim('\r', '\n');
            }
            catch (RuntimeException)
            {
                text = exception.Message;
            }

            _host.UI.WriteErrorLine(text.Length > 0 ? text : exception.Message);
        }
    }
}
