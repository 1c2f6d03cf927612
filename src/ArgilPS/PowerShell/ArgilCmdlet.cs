using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using ArgilPS.Core.Polling;
using ArgilPS.Session;

namespace ArgilPS.Commands;

/// <summary>
/// What every ArgilPS cmdlet shares: the connection, cancellation on Ctrl+C, running the async
/// client while writing its log lines on the pipeline thread, mapping failures to ErrorRecords, and
/// the one place every text the cmdlet says passes (see <see cref="Outgoing(string, bool)"/>).
/// </summary>
public abstract partial class ArgilCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private ArgilSession? _session;
    private (bool Verbose, bool Debug)? _shown;

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
    internal T Run<T>(Func<IRequestLog, CancellationToken, Task<T>> operation) => Run((log, _, ct) => operation(log, ct));

    /// <summary>
    /// <see cref="Run{T}(Func{IRequestLog, CancellationToken, Task{T}})"/> for an operation that also
    /// posts actions (writing results as they come) to run here on the pipeline thread, in order with
    /// its log lines. When one of them throws (the pipeline stops downstream), the operation is cancelled.
    /// </summary>
    private T Run<T>(Func<IRequestLog, Action<Action>, CancellationToken, Task<T>> operation)
    {
        // Read once per invocation, as the engine caches the preferences of a command.
        _shown ??= (VerboseShown, DebugShown);
        var log = new QueuedRequestLog(verbose: _shown.Value.Verbose, debug: _shown.Value.Debug);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        var task = Task.Run(() => operation(log, log.Post, stop.Token), stop.Token);
        task.ContinueWith(_ =>
        {
            log.Complete();
            stop.Dispose();
        }, TaskScheduler.Default);
        try
        {
            foreach (var (kind, text, action) in log.Lines.GetConsumingEnumerable())
            {
                switch (kind)
                {
                    case LogKind.Verbose: WriteVerboseLine(text); break;
                    case LogKind.Debug: WriteDebug(text); break;
                    case LogKind.Warning: WriteWarning(text); break;
                    default: action!(); break;
                }
            }
        }
        catch
        {
            Cancel(stop);
            throw;
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
    /// Runs an operation that posts actions (such as progress records) to run here on the pipeline
    /// thread while it goes, in order with its log lines; Ctrl+C cancels it.
    /// </summary>
    internal T RunPosting<T>(Func<IRequestLog, Action<Action>, CancellationToken, Task<T>> operation) => Run(operation);

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation has ended already.
        }
    }

    /// <summary>
    /// Runs a poller over <paramref name="ids"/>, writing on the pipeline thread as the poll goes: what
    /// the handlers write for each item that finishes, fails or times out, and a progress record after
    /// each round (completed at the end, however it ends). Ctrl+C stops it.
    /// </summary>
    internal void RunPoller<T>(Poller<T> poller, IReadOnlyList<string> ids, int progressId, string activity,
        Action<string, T> finished, Action<string, Exception, bool> failed, Action<string, T?> timedOut) where T : class
    {
        try
        {
            Run<bool>(async (log, post, ct) =>
            {
                var observer = new PostingObserver<T>(post, finished, failed, timedOut, progress =>
                {
                    var record = new ProgressRecord(progressId, activity, progress.Text) { PercentComplete = progress.PercentComplete };
                    if (progress.SecondsRemaining is { } left) record.SecondsRemaining = left;
                    WriteProgress(record);
                });
                await poller.RunAsync(ids, observer, log, ct).ConfigureAwait(false);
                return true;
            });
        }
        finally
        {
            WriteProgress(new ProgressRecord(progressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>Hands each report of a poller to the pipeline thread.</summary>
    private sealed class PostingObserver<T> : IPollObserver<T> where T : class
    {
        private readonly Action<Action> _post;
        private readonly Action<string, T> _finished;
        private readonly Action<string, Exception, bool> _failed;
        private readonly Action<string, T?> _timedOut;
        private readonly Action<PollProgress<T>> _progress;

        public PostingObserver(Action<Action> post, Action<string, T> finished, Action<string, Exception, bool> failed, Action<string, T?> timedOut, Action<PollProgress<T>> progress)
        {
            _post = post;
            _finished = finished;
            _failed = failed;
            _timedOut = timedOut;
            _progress = progress;
        }

        public void Finished(string id, T item) => _post(() => _finished(id, item));
        public void Failed(string id, Exception error, bool checkedAgain) => _post(() => _failed(id, error, checkedAgain));
        public void TimedOut(string id, T? latest) => _post(() => _timedOut(id, latest));
        public void Progress(PollProgress<T> progress) => _post(() => _progress(progress));
    }

    /// <summary>
    /// Writes a list as a stream of objects, each page as it arrives; the next page is requested only
    /// while more items are wanted, so -First stops the requests once it has its items. With
    /// SupportsPaging, honours -Skip, -First and -IncludeTotalCount (written before the items, as soon
    /// as the first page says it). <paramref name="where"/> filters on the client, before the paging
    /// parameters apply. Returns how many objects were written (the total count not included).
    /// </summary>
    internal long WritePaged<T>(Pager<T> pager, Func<T, bool>? where = null)
    {
        if (pager.Streams) return WriteStreamed(pager, where);
        var paging = PagingParameters; // null unless the cmdlet has SupportsPaging
        var window = new PageWindow(paging?.Skip ?? 0, paging?.First ?? ulong.MaxValue);
        var countWanted = paging?.IncludeTotalCount == true;
        if (window.Satisfied && !countWanted) return 0; // -First 0: nothing to ask for
        var cursor = pager.Open();
        long written = 0;
        while (Run((log, ct) => cursor.NextAsync(log, ct)) is { } page)
        {
            if (countWanted)
            {
                countWanted = false;
                // A client-side filter makes the API's count a count of something else.
                WriteObject(page.TotalCount is { } total && where is null
                    ? paging!.NewTotalCount((ulong)total, 1.0)
                    : paging!.NewTotalCount(0, 0.0));
            }
            var items = where is null ? page.Items : page.Items.Where(where).ToList();
            foreach (var item in window.Take(items))
            {
                WriteObject(item);
                written++;
            }
            if (window.Satisfied) break;
        }
        return written;
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

    /// <summary>
    /// Whether a debug line of this cmdlet will be seen (or recorded), as the engine decides it:
    /// -Debug (or -Debug:$false), else $DebugPreference in the caller's scope. Only SilentlyContinue
    /// and Ignore drop the line; anything unreadable counts as shown. The client builds no debug
    /// text when this is false (PowerShell's web cmdlets ask IsWriteDebugEnabled, which is internal).
    /// </summary>
    internal bool DebugShown => Shown("Debug", "DebugPreference");

    /// <summary>
    /// Whether a verbose line of this cmdlet will be seen: -Verbose (or -Verbose:$false), else a bare
    /// -Debug (its lines go to the debug stream, see <see cref="VerboseWouldPrompt"/>), else $VerbosePreference.
    /// </summary>
    internal bool VerboseShown =>
        MyInvocation.BoundParameters.ContainsKey("Verbose") ? Shown("Verbose", "VerbosePreference")
        : VerboseWouldPrompt || Shown("Verbose", "VerbosePreference");

    private bool Shown(string parameter, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            return bound is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(bound);
        object? value;
        try
        {
            value = GetVariableValue(preferenceVariable);
        }
        catch (PSInvalidOperationException)
        {
            return true; // no session state to read it from (a cmdlet invoked outside a pipeline)
        }
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        if (value is null) return false; // never set: the engine's default, SilentlyContinue
        if (!LanguagePrimitives.TryConvertTo<ActionPreference>(value, out var preference)) return true;
        return preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    /// <summary>Writes a verbose line, or under a bare -Debug a debug line (see <see cref="VerboseWouldPrompt"/>).</summary>
    internal void WriteVerboseLine(string text)
    {
        if (VerboseWouldPrompt) WriteDebug(text);
        else WriteVerbose(text);
    }

    /// <summary>
    /// Runs an operation as <see cref="Run{T}(Func{IRequestLog, CancellationToken, Task{T}})"/> does; a failed API call is written as a
    /// non-terminating error about <paramref name="target"/> (after <paramref name="retell"/>, which
    /// lets a cmdlet add its own advice) and the result is false.
    /// </summary>
    internal bool TryRun<T>(Func<IRequestLog, CancellationToken, Task<T>> operation, object? target, out T result,
        Func<ArgilApiException, ArgilApiException>? retell = null)
    {
        try
        {
            result = Run(operation);
            return true;
        }
        catch (ArgilApiException e)
        {
            WriteApiError(retell is null ? e : retell(e), target);
            result = default!;
            return false;
        }
    }

    /// <summary>Writes a failed API call as a non-terminating error about <paramref name="target"/>; its resource names the ErrorId.</summary>
    internal void WriteApiError(ArgilApiException failure, object? target) =>
        WriteError(ErrorMapping.ToErrorRecord(failure, target is string text ? Safe(text) : target));

    /// <summary>User input echoed back (an id, a name), with the key masked in case it was pasted there by mistake.</summary>
    internal string Safe(string text) => Outgoing(text);

    /// <summary>Writes a rule the input breaks, naming the parameter, as a non-terminating error.</summary>
    internal void WriteInvalidArgument(string parameter, string rule, object? target, string errorId)
    {
        var message = $"Cannot use -{parameter}: {rule}.";
        WriteError(new ErrorRecord(new PSArgumentException(message, parameter), errorId, ErrorCategory.InvalidArgument, target)
        {
            ErrorDetails = new ErrorDetails(message),
        });
    }

    // Every text a cmdlet says passes here. These hide Cmdlet's own Write*, ShouldProcess and
    // ThrowTerminatingError, so a cmdlet's ordinary call is the safe one: the key is masked (as
    // itself and encoded: a user may paste it as an id or a name) and the control characters a
    // server could send to drive the terminal are made visible. It reaches $Error, Export-Clixml
    // and ConvertTo-Json as it was shown.

    /// <summary>Text as it may leave the cmdlet: no key, no control character (but line feeds and tabs with <paramref name="multiline"/>).</summary>
    internal string Outgoing(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text!;
        foreach (var secret in Secrets()) result = Redactor.MaskKey(result, secret);
        return DisplayText.Neutralise(result, multiline);
    }

    /// <summary>The keys that could be pasted by mistake: the connection's, and $env:ARGIL_API_KEY's.</summary>
    private IEnumerable<string> Secrets()
    {
        var connected = (_session ?? SessionStore.Connected(Runspace.DefaultRunspace))?.Settings.ApiKey.Reveal();
        if (connected is not null) yield return connected;
        var environment = Environment.GetEnvironmentVariable(SessionStore.KeyVariable)?.Trim();
        if (!string.IsNullOrEmpty(environment) && environment != connected) yield return environment!;
    }

    /// <summary>Writes a non-terminating error, its texts made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteError(ErrorRecord errorRecord) => base.WriteError(Outgoing(errorRecord));

    /// <summary>Throws a terminating error, its texts made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(Outgoing(errorRecord));

    /// <summary>Writes a verbose line, made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteVerbose(string text) => base.WriteVerbose(Outgoing(text, multiline: true));

    /// <summary>Writes a debug line, made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteDebug(string text) => base.WriteDebug(Outgoing(text, multiline: true));

    /// <summary>Writes a warning, made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteWarning(string text) => base.WriteWarning(Outgoing(text, multiline: true));

    /// <summary>Writes progress, its texts made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteProgress(ProgressRecord progressRecord)
    {
        progressRecord.Activity = Outgoing(progressRecord.Activity);
        progressRecord.StatusDescription = Outgoing(progressRecord.StatusDescription);
        if (progressRecord.CurrentOperation is not null) progressRecord.CurrentOperation = Outgoing(progressRecord.CurrentOperation);
        base.WriteProgress(progressRecord);
    }

    /// <summary>ShouldProcess, whose target and action (shown by -WhatIf, -Confirm and -Verbose) are made safe.</summary>
    internal new bool ShouldProcess(string target, string action) => base.ShouldProcess(Outgoing(target), Outgoing(action));

    /// <summary>ShouldProcess, whose target (shown by -WhatIf, -Confirm and -Verbose) is made safe.</summary>
    internal new bool ShouldProcess(string target) => base.ShouldProcess(Outgoing(target));

    /// <summary>ShouldProcess with its own texts (shown by -WhatIf, -Confirm and -Verbose), made safe.</summary>
    internal new bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) =>
        base.ShouldProcess(Outgoing(verboseDescription), Outgoing(verboseWarning), Outgoing(caption));

    /// <summary>ShouldContinue, whose question and caption are made safe.</summary>
    internal new bool ShouldContinue(string query, string caption) => base.ShouldContinue(Outgoing(query), Outgoing(caption));

    /// <summary>ShouldContinue with "Yes to All" and "No to All", whose question and caption are made safe.</summary>
    internal new bool ShouldContinue(string query, string caption, ref bool yesToAll, ref bool noToAll) =>
        base.ShouldContinue(Outgoing(query), Outgoing(caption), ref yesToAll, ref noToAll);

    /// <summary>Writes to the information stream; text is made safe (see <see cref="Outgoing(string, bool)"/>).</summary>
    internal new void WriteInformation(object messageData, string[] tags) =>
        base.WriteInformation(messageData is string text ? Outgoing(text, multiline: true) : messageData, tags);

    private ErrorRecord Outgoing(ErrorRecord record)
    {
        var target = record.TargetObject is string text ? Outgoing(text) : record.TargetObject;
        var safe = new ErrorRecord(Outgoing(record.Exception), record.FullyQualifiedErrorId, record.CategoryInfo.Category, target);
        // The target's text (an avatar's id, from the service) is what the error view shows of it.
        safe.CategoryInfo.TargetName = Outgoing(record.CategoryInfo.TargetName);
        if (record.ErrorDetails is { } details)
        {
            safe.ErrorDetails = new ErrorDetails(Outgoing(details.Message))
            {
                RecommendedAction = details.RecommendedAction is null ? null : Outgoing(details.RecommendedAction),
            };
        }
        return safe;
    }

    /// <summary>
    /// The exception with its texts made safe: the same one when they are, else a copy (of the same
    /// type for every exception the module writes; anything else becomes a RuntimeException).
    /// </summary>
    private Exception Outgoing(Exception exception)
    {
        var inner = exception.InnerException is null ? null : Outgoing(exception.InnerException);
        if (exception is ArgilApiException api) return api.WithSafeTexts(t => t is null ? null : Outgoing(t), inner);
        var message = Outgoing(exception.Message);
        if (message == exception.Message && ReferenceEquals(inner, exception.InnerException)) return exception;
        return exception switch
        {
            ArgumentException argument => new PSArgumentException(message, argument.ParamName ?? ""),
            ItemNotFoundException => new ItemNotFoundException(message, inner),
            TimeoutException => new TimeoutException(message, inner),
            PSInvalidOperationException => new PSInvalidOperationException(message, inner),
            InvalidOperationException => new InvalidOperationException(message, inner),
            _ => new RuntimeException(message, inner),
        };
    }

    internal enum LogKind { Verbose, Debug, Warning, Action }

    private sealed class QueuedRequestLog : IRequestLog, IRequestLogLevels
    {
        public readonly BlockingCollection<(LogKind, string, Action?)> Lines = new();
        private readonly object _gate = new();
        private bool _complete;

        /// <param name="verbose">Whether the cmdlet's verbose lines will be seen (read on the pipeline thread).</param>
        /// <param name="debug">Whether its debug lines will be seen.</param>
        public QueuedRequestLog(bool verbose, bool debug)
        {
            VerboseEnabled = verbose;
            DebugEnabled = debug;
        }

        public bool VerboseEnabled { get; }
        public bool DebugEnabled { get; }

        public void Verbose(string message)
        {
            if (VerboseEnabled) Add(LogKind.Verbose, message, null);
        }

        public void Debug(string message)
        {
            if (DebugEnabled) Add(LogKind.Debug, message, null);
        }

        public void Warning(string message) => Add(LogKind.Warning, message, null);

        /// <summary>An action to run on the pipeline thread, in order with the lines.</summary>
        public void Post(Action action) => Add(LogKind.Action, "", action);

        private void Add(LogKind kind, string message, Action? action)
        {
            lock (_gate) if (!_complete) Lines.Add((kind, message, action));
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
