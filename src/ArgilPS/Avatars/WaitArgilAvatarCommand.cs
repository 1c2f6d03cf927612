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
    private WaitLoop<Avatar>? _wait;

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
    protected override void BeginProcessing()
    {
        _wait = new WaitLoop<Avatar>(this, "Avatar")
        {
            Get = (id, log, ct) => Session.Avatars.GetAvatarAsync(id, log, ct),
            ObserveMany = Session.Avatars.ObserveAvatarsAsync,
            IsTerminal = IsTerminal,
            Finished = Finish,
            Describe = a => string.IsNullOrWhiteSpace(a.Status) ? a.Name : $"{a.Name} ({a.Status})",
            StillPending = (id, a) => string.IsNullOrWhiteSpace(a.Status)
                ? $"Avatar '{a.Name}' ({id}) had not finished training (the API gave no status)"
                : $"Avatar '{a.Name}' ({id}) was still {a.Status}",
            ProgressId = ProgressId,
            Activity = "Waiting for Argil avatars",
        };
    }

    /// <inheritdoc/>
    protected override void ProcessRecord() => _wait!.Add(Id);

    /// <inheritdoc/>
    protected override void EndProcessing() => _wait!.Run(Timeout, PollingInterval);

    /// <summary>IDLE, TRAINING_FAILED and REFUSED end the wait; NOT_TRAINED, TRAINING, or a status added later, do not.</summary>
    private static bool IsTerminal(Avatar avatar) =>
        avatar.Status.ToUpperInvariant() is AvatarStatus.Idle or AvatarStatus.TrainingFailed or AvatarStatus.Refused;

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

    private void WriteAvatarError(Avatar avatar, string errorId, ErrorCategory category, string message, string action) =>
        WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, category, avatar)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
}
