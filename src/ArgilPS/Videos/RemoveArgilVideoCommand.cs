using System;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>Remove-ArgilVideo: deletes videos (DELETE /videos/{id}); asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "ArgilVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    HelpUri = HelpLinks.Base + "Remove-ArgilVideo.md")]
[OutputType(typeof(void))]
public sealed class RemoveArgilVideoCommand : ArgilCmdlet
{
    /// <summary>The ids of the videos to delete; videos and objects with an Id or VideoId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Deletes without asking for confirmation (-WhatIf and an explicit -Confirm still apply).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var client = Session.Videos;
        foreach (var id in Id)
        {
            if (!Confirmed($"Argil video '{id}'", "Delete (this cannot be undone)")) continue;
            if (!TryRun((log, ct) => client.DeleteVideoAsync(id, log, ct), id, out var message)) continue;
            WriteVerbose(message.Length == 0 ? $"Deleted the video '{id}'." : $"Deleted the video '{id}': {message}");
            VideoIdCompleter.Invalidate(Session);
        }
    }

    /// <summary>-Force skips the question, not -WhatIf nor an explicit -Confirm.</summary>
    private bool Confirmed(string target, string action)
    {
        var bound = MyInvocation.BoundParameters;
        var explicitConfirm = bound.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: true };
        var whatIf = bound.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true };
        if (Force && !explicitConfirm && !whatIf) return true;
        return ShouldProcess(target, action);
    }
}
