using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Client;
using ArgilPS.Session;

namespace ArgilPS.Commands;

/// <summary>
/// What every ArgilPS cmdlet shares: the connection, cancellation on Ctrl+C, running the async
/// client while writing its log lines on the pipeline thread, and mapping failures to ErrorRecords.
/// </summary>
public abstract class ArgilCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private ArgilSession? _session;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    internal CancellationToken StopToken => _stopping.Token;

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The connection in effect; a terminating error when there is none.</summary>
    internal ArgilSession Session
    {
        get
        {
            if (_session is not null) return _session;
            ArgilSession? session;
            try
            {
                session = SessionStore.Current(Runspace.DefaultRunspace);
            }
            catch (ConfigurationException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message), "InvalidConfiguration", ErrorCategory.InvalidArgument, e.Setting)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = $"Correct or remove ${"env:"}{e.Setting}, or use Connect-Argil." },
                });
                throw; // not reached: ThrowTerminatingError throws
            }
            if (session is null)
            {
                const string message = "ArgilPS is not connected and $env:ARGIL_API_KEY is not set. Run Connect-Argil -ApiKey (Read-Host -AsSecureString -Prompt 'Argil API key'), " +
                    "set $env:ARGIL_API_KEY, or try the module offline with Connect-Argil -Sandbox.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "NotConnected", ErrorCategory.AuthenticationError, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run Connect-Argil, or set $env:ARGIL_API_KEY." },
                });
            }
            return _session = session!;
        }
    }

    /// <summary>
    /// Runs an operation of the async client and waits for it, writing its verbose, debug and warning
    /// lines here on the pipeline thread (PowerShell allows Write* only there). Ctrl+C cancels it.
    /// </summary>
    internal T Run<T>(Func<IRequestLog, CancellationToken, Task<T>> operation)
    {
        var log = new QueuedRequestLog();
        var task = Task.Run(() => operation(log, StopToken), StopToken);
        task.ContinueWith(_ => log.Complete(), TaskScheduler.Default);
        foreach (var (kind, text) in log.Lines.GetConsumingEnumerable())
        {
            switch (kind)
            {
                case LogKind.Verbose: WriteVerboseLine(text); break;
                case LogKind.Debug: WriteDebug(text); break;
                default: WriteWarning(text); break;
            }
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// The engine (7.6 as 5.1) turns -Debug without -Verbose into an Inquire preference for the
    /// verbose stream of a compiled cmdlet, so every verbose line would stop for a "Continue?"
    /// prompt (and hang a host without one). Those lines go to the debug stream then, which -Debug
    /// shows without prompting.
    /// </summary>
    private bool VerboseWouldPrompt =>
        MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true }
        && !MyInvocation.BoundParameters.ContainsKey("Verbose");

    /// <summary>Writes a verbose line, or under a bare -Debug a debug line (see <see cref="VerboseWouldPrompt"/>).</summary>
    internal void WriteVerboseLine(string text)
    {
        if (VerboseWouldPrompt) WriteDebug(text);
        else WriteVerbose(text);
    }

    /// <summary>Writes a failed API call as a non-terminating error about <paramref name="target"/>.</summary>
    internal void WriteApiError(ArgilApiException failure, object? target, string resource = "Avatar") =>
        WriteError(ErrorMapping.ToErrorRecord(failure, target is string text ? Safe(text) : target, resource));

    /// <summary>User input echoed back (an id, a name), with the key masked in case it was pasted there by mistake.</summary>
    internal string Safe(string text) => _session is null ? text : Redactor.Redact(text, _session.Settings.ApiKey);

    /// <summary>Writes a rule the input breaks, naming the parameter, as a non-terminating error.</summary>
    internal void WriteInvalidArgument(string parameter, string rule, object? target, string errorId)
    {
        var message = $"Cannot use -{parameter}: {rule}.";
        WriteError(new ErrorRecord(new PSArgumentException(message, parameter), errorId, ErrorCategory.InvalidArgument, target)
        {
            ErrorDetails = new ErrorDetails(message),
        });
    }

    private enum LogKind { Verbose, Debug, Warning }

    private sealed class QueuedRequestLog : IRequestLog
    {
        public readonly BlockingCollection<(LogKind, string)> Lines = new();
        private readonly object _gate = new();
        private bool _complete;

        public void Verbose(string message) => Add(LogKind.Verbose, message);
        public void Debug(string message) => Add(LogKind.Debug, message);
        public void Warning(string message) => Add(LogKind.Warning, message);

        private void Add(LogKind kind, string message)
        {
            lock (_gate) if (!_complete) Lines.Add((kind, message));
        }

        public void Complete()
        {
            lock (_gate)
            {
                _complete = true;
                Lines.CompleteAdding();
            }
        }
    }
}
