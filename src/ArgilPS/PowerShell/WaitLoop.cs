using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Polling;

namespace ArgilPS.Commands;

/// <summary>
/// What every Wait-Argil* cmdlet shares around the one poller: the ids gathered from the pipeline
/// (all of them, each once), the poll with its deadline and interval, checks that fail (a warning
/// when checked again, else the API error about that id), and a timeout error per item still
/// pending (<c>{Resource}WaitTimeout</c>, OperationTimeout, the item as last seen as target, with
/// the command to wait longer). A cmdlet gives the resource, how to get one, which states are
/// terminal and what to write for each: that is all that differs.
/// </summary>
internal sealed class WaitLoop<T> where T : class
{
    private readonly ArgilCmdlet _cmdlet;
    private readonly List<string> _ids = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="cmdlet">The cmdlet that writes.</param>
    /// <param name="resource">The resource in the singular, as the commands name it ("Avatar", "Video").</param>
    public WaitLoop(ArgilCmdlet cmdlet, string resource)
    {
        _cmdlet = cmdlet;
        Resource = resource;
    }

    public string Resource { get; }

    /// <summary>Gets the current state of one id.</summary>
    public Func<string, IRequestLog, CancellationToken, Task<T>> Get { get; init; } = null!;

    /// <summary>
    /// Observes many pending ids with one list request, when the API has a list that shows them
    /// (see <see cref="Poller{T}.ObserveMany"/>): a round then costs one request however many are pending.
    /// </summary>
    public Func<IReadOnlyList<string>, IRequestLog, CancellationToken, Task<IReadOnlyDictionary<string, T>>>? ObserveMany { get; init; }

    /// <summary>Whether a state ends the wait for that item (success and failure alike).</summary>
    public Func<T, bool> IsTerminal { get; init; } = null!;

    /// <summary>Writes an item that reached a terminal state: the object, or an error about it.</summary>
    public Action<string, T> Finished { get; init; } = null!;

    /// <summary>How a pending item is named in the progress text (its id when never seen).</summary>
    public Func<T, string> Describe { get; init; } = item => item.ToString() ?? "";

    /// <summary>What an item still pending at the deadline was doing: "Video 'Intro' (v1) was still GENERATING_VIDEO".</summary>
    public Func<string, T, string> StillPending { get; init; } = (id, _) => id;

    /// <summary>More advice for an item that timed out in a given state (null for none), after the advice to wait longer.</summary>
    public Func<string, T, string?> TimeoutAdvice { get; init; } = (_, _) => null;

    /// <summary>The progress bar's id and activity.</summary>
    public int ProgressId { get; init; }
    public string Activity { get; init; } = "Waiting";

    /// <summary>How many checks are in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Adds ids from one pipeline input; an id already given is waited for once.</summary>
    public void Add(IEnumerable<string> ids)
    {
        foreach (var id in ids)
            if (_seen.Add(id)) _ids.Add(id);
    }

    public int Count => _ids.Count;

    /// <summary>Polls every id gathered until each is terminal or <paramref name="timeoutSec"/> (-1: no limit) has passed.</summary>
    public void Run(int timeoutSec, int pollingIntervalSec)
    {
        if (_ids.Count == 0) return;
        var poller = new Poller<T>(Get, IsTerminal, _cmdlet.Session.Clock, new PollSettings
        {
            Timeout = timeoutSec < 0 ? null : TimeSpan.FromSeconds(timeoutSec),
            Interval = TimeSpan.FromSeconds(pollingIntervalSec),
            Concurrency = Concurrency,
        })
        {
            ObserveMany = ObserveMany,
            DescribePending = (id, item) => item is null ? _cmdlet.Safe(id) : Describe(item),
        };
        _cmdlet.RunPoller(poller, _ids, ProgressId, Activity, Finished, WriteCheckFailure, (id, item) => WriteTimeout(id, item, timeoutSec));
    }

    private void WriteCheckFailure(string id, Exception failure, bool checkedAgain)
    {
        var what = Resource.ToLowerInvariant();
        if (checkedAgain) _cmdlet.WriteWarning($"Could not check {what} {_cmdlet.Safe(id)} ({failure.Message}); it is checked again at the next poll.");
        else if (failure is ArgilApiException e) _cmdlet.WriteApiError(e, id);
        else _cmdlet.WriteError(new ErrorRecord(failure, Resource + "WaitFailed", ErrorCategory.NotSpecified, _cmdlet.Safe(id)));
    }

    private void WriteTimeout(string id, T? item, int timeoutSec)
    {
        var what = item is null ? $"{Resource} {_cmdlet.Safe(id)} could not be checked" : StillPending(id, item);
        var message = timeoutSec == 0 ? $"{what}; -Timeout 0 allows no waiting." : $"{what} after waiting {timeoutSec} seconds (-Timeout {timeoutSec}).";
        var action = $"Wait again with a larger -Timeout: Get-Argil{Resource} -Id {_cmdlet.Safe(id)} | Wait-Argil{Resource} -Timeout {Math.Min(Math.Max(timeoutSec, 60) * 2L, int.MaxValue)}";
        if (item is not null && TimeoutAdvice(id, item) is { } more) action = more + " " + action;
        _cmdlet.WriteError(new ErrorRecord(new TimeoutException(message), Resource + "WaitTimeout", ErrorCategory.OperationTimeout, (object?)item ?? _cmdlet.Safe(id))
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
    }
}
