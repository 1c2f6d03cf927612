using System;
using System.Collections.Generic;
using System.Management.Automation;
using ArgilPS.Avatars;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Core.Polling;

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

    private const int ConcurrentPolls = 4;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_ids.Count == 0) return;
        var client = Session.Avatars;
        var poller = new Poller<Avatar>((id, log, ct) => client.GetAvatarAsync(id, log, ct), IsTerminal, Session.Clock, new PollSettings
        {
            Timeout = Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout),
            Interval = TimeSpan.FromSeconds(PollingInterval),
            Concurrency = ConcurrentPolls,
        })
        {
            ObserveMany = client.ObserveAvatarsAsync,
            DescribePending = (id, a) => a is null ? Safe(id) : string.IsNullOrWhiteSpace(a.Status) ? a.Name : $"{a.Name} ({a.Status})",
        };
        RunPoller(poller, _ids, ProgressId, "Waiting for Argil avatars", Finish, WriteCheckFailure, WriteTimeout);
    }

    /// <summary>IDLE, TRAINING_FAILED and REFUSED end the wait; NOT_TRAINED, TRAINING, or a status added later, do not.</summary>
    private static bool IsTerminal(Avatar avatar) =>
        avatar.Status.ToUpperInvariant() is AvatarStatus.Idle or AvatarStatus.TrainingFailed or AvatarStatus.Refused;

    private void WriteCheckFailure(string id, Exception failure, bool checkedAgain)
    {
        if (checkedAgain) WriteWarning($"Could not check avatar {Safe(id)} ({failure.Message}); it is checked again at the next poll.");
        else if (failure is ArgilApiException e) WriteApiError(e, id);
        else WriteError(new ErrorRecord(failure, "AvatarWaitFailed", ErrorCategory.NotSpecified, Safe(id)));
    }

    /// <summary>Writes an avatar that reached a terminal status: the avatar when IDLE, else an error.</summary>
    private void Finish(string id, Avatar avatar)
    {
        switch (avatar.Status.ToUpperInvariant())
        {
            case AvatarStatus.Idle:
                WriteObject(avatar);
                break;
            case AvatarStatus.TrainingFailed:
                WriteAvatarError(avatar, "AvatarTrainingFailed", ErrorCategory.InvalidResult,
                    $"Training of avatar '{avatar.Name}' ({avatar.Id}) failed (status TRAINING_FAILED).",
                    "Check that the image meets Argil's requirements, then create the avatar again with New-ArgilAvatar.");
                break;
            case AvatarStatus.Refused:
                WriteAvatarError(avatar, "AvatarRefused", ErrorCategory.PermissionDenied,
                    $"Avatar '{avatar.Name}' ({avatar.Id}) was refused by Argil's moderation (status REFUSED).",
                    "Use an image of a consenting adult that follows Argil's content policy.");
                break;
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
}
