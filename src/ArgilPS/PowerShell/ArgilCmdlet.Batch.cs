using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Commands;

public abstract partial class ArgilCmdlet
{
    /// <summary>The default -ThrottleLimit: requests of one pipeline in flight at once.</summary>
    internal const int DefaultThrottleLimit = 4;

    /// <summary>The largest -ThrottleLimit; more would only queue in the API's rate limits.</summary>
    internal const int MaximumThrottleLimit = 32;

    private readonly Queue<OrderedOperation> _ordered = new();
    private CancellationTokenSource? _orderedStop;

    /// <summary>
    /// Starts an operation for one pipeline input and lets the pipeline go on, with at most
    /// <paramref name="throttleLimit"/> of them in flight: piped creations and gets overlap instead of
    /// waiting for each other. What they write (their verbose and debug lines, then the result or the
    /// error about <paramref name="target"/>) comes out in input order, as without overlap, here on the
    /// pipeline thread. Each operation goes through the one HTTP path alone, so every retry rule
    /// holds for it. The cmdlet calls <see cref="FinishOrdered"/> in EndProcessing.
    /// </summary>
    internal void RunOrdered<T>(int throttleLimit, Func<IRequestLog, CancellationToken, Task<T>> operation, object? target, Action<T> written,
        Func<ArgilApiException, ArgilApiException>? retell = null)
    {
        _orderedStop ??= CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        // Read once per invocation, on the pipeline thread: lines nobody will see are not even built.
        _shown ??= (VerboseShown, DebugShown);
        var log = new BufferedRequestLog(verbose: _shown.Value.Verbose, debug: _shown.Value.Debug);
        var stop = _orderedStop.Token;
        var task = Task.Run(() => operation(log, stop), stop);
        _ordered.Enqueue(new OrderedOperation(task, log, () =>
        {
            T result;
            try
            {
                result = task.GetAwaiter().GetResult();
            }
            catch (ArgilApiException e)
            {
                WriteApiError(retell is null ? e : retell(e), target);
                return;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            written(result);
        }));
        // Writes what has finished at the head, and waits for the head while the limit is reached.
        while (_ordered.Count > 0 && (_ordered.Peek().Task.IsCompleted || _ordered.Count >= Math.Max(1, throttleLimit))) WriteOrderedHead();
    }

    private PageWindow? _idWindow;
    private ulong _idsWanted;

    /// <summary>
    /// Gets each id with <see cref="RunOrdered"/>, for a cmdlet with SupportsPaging: -Skip and -First
    /// count the objects written across every piped id, and no request is sent once -First is met.
    /// Requests in flight that could fill the window are waited for before another is sent, so that
    /// none is sent that -First would not need (an id that is not found does not count).
    /// </summary>
    internal void GetEachInWindow<T>(IEnumerable<string> ids, int throttleLimit, Func<string, IRequestLog, CancellationToken, Task<T>> get)
    {
        if (_idWindow is null)
        {
            var skip = PagingParameters?.Skip ?? 0;
            var first = PagingParameters?.First ?? ulong.MaxValue;
            _idWindow = new PageWindow(skip, first);
            _idsWanted = first > ulong.MaxValue - skip ? ulong.MaxValue : skip + first;
        }
        foreach (var id in ids)
        {
            while (!_idWindow.Satisfied && OrderedPending > 0 && (ulong)OrderedPending >= _idsWanted) WriteOldestOrdered();
            if (_idWindow.Satisfied) return;
            var window = _idWindow;
            RunOrdered(throttleLimit, (log, ct) => get(id, log, ct), id, item =>
            {
                if (_idsWanted != ulong.MaxValue) _idsWanted--;
                foreach (var kept in window.Take(new[] { item })) WriteObject(kept);
            });
        }
    }

    /// <summary>How many operations <see cref="RunOrdered"/> started are not written yet.</summary>
    internal int OrderedPending => _ordered.Count;

    /// <summary>Waits for the oldest operation <see cref="RunOrdered"/> started that is not written yet, and writes what it gave (nothing when none is left).</summary>
    internal void WriteOldestOrdered()
    {
        if (_ordered.Count > 0) WriteOrderedHead();
    }

    /// <summary>Waits for every operation <see cref="RunOrdered"/> started and writes what they gave, in input order.</summary>
    internal void FinishOrdered()
    {
        while (_ordered.Count > 0) WriteOrderedHead();
    }

    private void WriteOrderedHead()
    {
        var head = _ordered.Dequeue();
        try
        {
            // Waiting here on the pipeline thread: Ctrl+C cancels the operations (StopProcessing), which ends the wait.
            // (Task.Wait spins briefly, then blocks on a slim event; the task's AsyncWaitHandle would
            // make an operating-system event for every call.) Its failure is read by Write, below.
            if (!head.Task.IsCompleted)
            {
                try
                {
                    head.Task.Wait();
                }
                catch (AggregateException)
                {
                }
            }
            foreach (var (kind, text) in head.Log.Lines)
            {
                switch (kind)
                {
                    case LogKind.Verbose: WriteVerboseLine(text); break;
                    case LogKind.Debug: WriteDebug(text); break;
                    default: WriteWarning(text); break;
                }
            }
            head.Write();
        }
        catch
        {
            // The pipeline stops (Ctrl+C, Select-Object -First downstream, a terminating error):
            // the operations still in flight are cancelled, not left running unseen.
            CancelOrdered();
            throw;
        }
    }

    private void CancelOrdered()
    {
        try
        {
            _orderedStop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Nothing is in flight any more.
        }
        _ordered.Clear();
    }

    private sealed class OrderedOperation
    {
        public OrderedOperation(Task task, BufferedRequestLog log, Action write) => (Task, Log, Write) = (task, log, write);
        public Task Task { get; }
        public BufferedRequestLog Log { get; }
        public Action Write { get; }
    }

    /// <summary>The lines of one operation, kept until it is its turn to be written.</summary>
    internal sealed class BufferedRequestLog : IRequestLog, IRequestLogLevels
    {
        private readonly ConcurrentQueue<(LogKind, string)> _lines = new();

        /// <param name="verbose">Whether the cmdlet's verbose lines will be seen (read on the pipeline thread).</param>
        /// <param name="debug">Whether its debug lines will be seen.</param>
        public BufferedRequestLog(bool verbose, bool debug)
        {
            VerboseEnabled = verbose;
            DebugEnabled = debug;
        }

        public bool VerboseEnabled { get; }
        public bool DebugEnabled { get; }
        public IEnumerable<(LogKind, string)> Lines => _lines;

        public void Verbose(string message)
        {
            if (VerboseEnabled) _lines.Enqueue((LogKind.Verbose, message));
        }

        public void Debug(string message)
        {
            if (DebugEnabled) _lines.Enqueue((LogKind.Debug, message));
        }

        public void Warning(string message) => _lines.Enqueue((LogKind.Warning, message));
    }
}
