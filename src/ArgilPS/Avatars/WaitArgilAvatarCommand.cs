using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Completion;

namespace ArgilPS.Commands;

/// <summary>
/// Wait-ArgilAvatar: waits until every piped avatar has finished training, polling them all in one
/// loop, and outputs each one as soon as it is ready (IDLE).
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "ArgilAvatar", HelpUri = HelpLinks.Base + "Wait-ArgilAvatar.md")]
[OutputType(typeof(Avatar))]
public sealed class WaitArgilAvatarCommand : ArgilCmdlet
{
    private const int ProgressId = 4711;
    private readonly List<string> _ids = new();
    private readonly Dictionary<string, object> _targets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The avatars to wait for: ids, or avatars and objects with an Id or AvatarId property from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AvatarId")]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait in all before giving up with an OperationTimeout error per avatar still training; -1 waits forever.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 1800;

    /// <summary>Seconds between two checks of the avatars still training.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollingInterval { get; set; } = 10;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (_targets.ContainsKey(id)) continue;
            _ids.Add(id);
            _targets[id] = id;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_ids.Count == 0) return;
        var client = Session.Avatars;
        var clock = Session.Clock;
        var started = clock.UtcNow;
        var pending = new List<string>(_ids);
        var latest = new Dictionary<string, Avatar>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (true)
            {
                var round = Run((log, ct) => PollRoundAsync(client, clock, started, pending, log, ct));
                foreach (var result in round)
                {
                    if (result.Failure is { } e)
                    {
                        if (IsWorthWaitingThrough(e.Kind))
                        {
                            WriteWarning($"Could not check avatar {Safe(result.Id)} ({e.Message}); it is checked again at the next poll.");
                        }
                        else
                        {
                            WriteApiError(e, result.Id);
                            pending.Remove(result.Id);
                        }
                    }
                    else if (result.Avatar is { } avatar)
                    {
                        latest[result.Id] = avatar;
                        if (Finish(avatar)) pending.Remove(result.Id);
                    }
                }
                if (round.Any(r => r.DeadlinePassed))
                {
                    // The deadline passed during a poll (a slow or retried request): it holds anyway.
                    foreach (var late in pending) WriteTimeout(late, latest.TryGetValue(late, out var a) ? a : null);
                    return;
                }

                var elapsed = clock.UtcNow - started;
                WriteProgressFor(pending, latest, elapsed);
                if (pending.Count == 0) return;
                if (Timeout >= 0 && elapsed >= TimeSpan.FromSeconds(Timeout))
                {
                    foreach (var id in pending) WriteTimeout(id, latest.TryGetValue(id, out var a) ? a : null);
                    return;
                }
                var wait = TimeSpan.FromSeconds(PollingInterval);
                if (Timeout >= 0 && elapsed + wait > TimeSpan.FromSeconds(Timeout)) wait = TimeSpan.FromSeconds(Timeout) - elapsed;
                Run(async (log, ct) => { await clock.Delay(wait, ct).ConfigureAwait(false); return true; });
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(ProgressId, "Waiting for Argil avatars", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private const int ConcurrentPolls = 4;

    private sealed class PollResult
    {
        public PollResult(string id) => Id = id;
        public string Id { get; }
        public Avatar? Avatar { get; set; }
        public ArgilApiException? Failure { get; set; }
        public bool DeadlinePassed { get; set; }
    }

    /// <summary>
    /// Checks every pending avatar, a few at a time, so a batch of a hundred takes a quarter of the
    /// time without flooding the API; results come back in the order the avatars were piped.
    /// </summary>
    private async Task<List<PollResult>> PollRoundAsync(AvatarsApi client, IClock clock, DateTime started, List<string> pending, IRequestLog log, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(ConcurrentPolls);
        var polls = pending.Select(async id =>
        {
            var result = new PollResult(id);
            await slots.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                result.Avatar = await PollAsync(client, clock, started, id, log, stop).ConfigureAwait(false);
            }
            catch (ArgilApiException e)
            {
                result.Failure = e;
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                result.DeadlinePassed = true;
            }
            finally
            {
                slots.Release();
            }
            return result;
        }).ToList();
        return (await Task.WhenAll(polls).ConfigureAwait(false)).ToList();
    }

    /// <summary>One GET, cut short when the -Timeout deadline passes, so a slow API cannot stretch the wait.</summary>
    private async Task<Avatar> PollAsync(AvatarsApi client, IClock clock, DateTime started, string id, IRequestLog log, CancellationToken stop)
    {
        var left = TimeSpan.FromSeconds(Timeout) - (clock.UtcNow - started);
        // A deadline further away than a timer can count (about 24.8 days) is no practical limit
        // for one request: the poll loop still keeps it.
        if (Timeout < 0 || left > LongestTimer) return await client.GetAvatarAsync(id, log, stop).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(left > TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        return await client.GetAvatarAsync(id, log, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>The longest delay CancelAfter takes on every runtime (int.MaxValue milliseconds).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Failures that say nothing about the avatar itself: keep waiting, the deadline still holds.</summary>
    private static bool IsWorthWaitingThrough(ApiFailureKind kind) =>
        kind is ApiFailureKind.RateLimited or ApiFailureKind.ServerError or ApiFailureKind.Timeout
            or ApiFailureKind.ConnectionFailed or ApiFailureKind.UnexpectedResponse;

    /// <summary>Handles a terminal status; returns false while the avatar is still on its way.</summary>
    private bool Finish(Avatar avatar)
    {
        switch (avatar.Status.ToUpperInvariant())
        {
            case AvatarStatus.Idle:
                WriteObject(avatar);
                return true;
            case AvatarStatus.TrainingFailed:
                WriteAvatarError(avatar, "AvatarTrainingFailed", ErrorCategory.InvalidResult,
                    $"Training of avatar '{avatar.Name}' ({avatar.Id}) failed (status TRAINING_FAILED).",
                    "Check that the image meets Argil's requirements, then create the avatar again with New-ArgilAvatar.");
                return true;
            case AvatarStatus.Refused:
                WriteAvatarError(avatar, "AvatarRefused", ErrorCategory.PermissionDenied,
                    $"Avatar '{avatar.Name}' ({avatar.Id}) was refused by Argil's moderation (status REFUSED).",
                    "Use an image of a consenting adult that follows Argil's content policy.");
                return true;
            default:
                return false; // NOT_TRAINED, TRAINING, or a status added later: keep waiting
        }
    }

    private void WriteTimeout(string id, Avatar? avatar)
    {
        var what = avatar is null ? $"Avatar {Safe(id)} could not be checked"
            : string.IsNullOrWhiteSpace(avatar.Status) ? $"Avatar '{avatar.Name}' ({id}) had not finished training (the API gave no status)"
            : $"Avatar '{avatar.Name}' ({id}) was still {avatar.Status}";
        var message = Timeout == 0 ? $"{what}; -Timeout 0 allows no waiting." : $"{what} after waiting {Timeout} seconds (-Timeout {Timeout}).";
        WriteError(new ErrorRecord(new TimeoutException(message), "AvatarWaitTimeout", ErrorCategory.OperationTimeout, (object?)avatar ?? Safe(id))
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = $"Wait again with a larger -Timeout: Get-ArgilAvatar -Id {Safe(id)} | Wait-ArgilAvatar -Timeout {Math.Min(Math.Max(Timeout, 60) * 2L, int.MaxValue)}",
            },
        });
    }

    private void WriteAvatarError(Avatar avatar, string errorId, ErrorCategory category, string message, string action) =>
        WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, category, avatar)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });

    private void WriteProgressFor(List<string> pending, Dictionary<string, Avatar> latest, TimeSpan elapsed)
    {
        var done = _ids.Count - pending.Count;
        var waiting = string.Join(", ", pending.Take(3).Select(id =>
            latest.TryGetValue(id, out var a) ? (string.IsNullOrWhiteSpace(a.Status) ? a.Name : $"{a.Name} ({a.Status})") : Safe(id)));
        if (pending.Count > 3) waiting += $" and {pending.Count - 3} more";
        var status = pending.Count == 0
            ? $"{done} of {_ids.Count} finished"
            : $"{done} of {_ids.Count} finished; waiting for {waiting}; {elapsed.TotalSeconds:0} s";
        var record = new ProgressRecord(ProgressId, "Waiting for Argil avatars", status)
        {
            PercentComplete = _ids.Count == 0 ? 100 : done * 100 / _ids.Count,
        };
        if (Timeout > 0) record.SecondsRemaining = Math.Max(0, (int)(Timeout - elapsed.TotalSeconds));
        WriteProgress(record);
    }
}
