using System;
using System.Management.Automation;
using ArgilPS.Completion;

namespace ArgilPS.Commands;

/// <summary>New-ArgilVideoMoment: builds one moment of a video, locally (no request), for New-ArgilVideo -Moment.</summary>
[Cmdlet(VerbsCommon.New, "ArgilVideoMoment", DefaultParameterSetName = TranscriptSet, HelpUri = HelpLinks.Base + "New-ArgilVideoMoment.md")]
[OutputType(typeof(VideoMoment))]
public sealed class NewArgilVideoMomentCommand : ArgilCmdlet
{
    private const string TranscriptSet = "Transcript";
    private const string AudioSet = "AudioUrl";

    /// <summary>The avatar that speaks in this moment.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string AvatarId { get; set; } = "";

    /// <summary>What the avatar says.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = TranscriptSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Transcript { get; set; } = "";

    /// <summary>An https URL of audio (at most 20 seconds, as documented) to use instead of generated speech.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AudioSet, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri AudioUrl { get; set; } = null!;

    /// <summary>The voice; the avatar's own when omitted (or empty, as a blank CSV column).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? VoiceId { get; set; }

    /// <summary>One of the avatar's gestures (its slug); see (Get-ArgilAvatar -Id ...).Gestures.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GestureSlugCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? GestureSlug { get; set; }

    /// <summary>The zoom level, from 1 (none) to 2; none when blank (an empty CSV cell).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [ValidateOptionalRange(1.0, 2.0)]
    public double? Zoom { get; set; }

    /// <summary>An uploaded IMAGE or VIDEO asset to show as B-roll during the moment.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(BrollAssetCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? BrollAssetId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == TranscriptSet && string.IsNullOrWhiteSpace(Transcript))
        {
            WriteInvalidArgument(nameof(Transcript), "the transcript is only white space; give the words the avatar says", Transcript, "EmptyTranscript");
            return;
        }
        WriteObject(new VideoMoment
        {
            AvatarId = AvatarId.Trim(),
            Transcript = ParameterSetName == TranscriptSet ? Transcript : null,
            AudioUrl = ParameterSetName == AudioSet ? AudioUrl.AbsoluteUri : null,
            VoiceId = Blank(VoiceId),
            GestureSlug = Blank(GestureSlug),
            Zoom = Zoom,
            BrollAssetId = Blank(BrollAssetId),
        });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
