using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>
/// New-ArgilVideo: creates a video from transcripts (one moment each), a script of any length
/// (split into moments here) or moments built with New-ArgilVideoMoment; with -Render, renders it too.
/// </summary>
[Cmdlet(VerbsCommon.New, "ArgilVideo", DefaultParameterSetName = ScriptSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-ArgilVideo.md")]
[OutputType(typeof(Video))]
public sealed class NewArgilVideoCommand : ArgilCmdlet
{
    private const string TranscriptSet = "Transcript";
    private const string ScriptSet = "Script";
    private const string MomentSet = "Moment";

    /// <summary>The default of -MaxMomentLength: the documented limit of one moment's transcript.</summary>
    public const int DefaultMaxMomentLength = 250;

    /// <summary>The documented B-roll layouts (argil-api.md §5.2).</summary>
    internal static readonly string[] BrollLayouts =
    {
        "FULLSCREEN", "AVATAR_BOTTOM_LEFT", "AVATAR_BOTTOM_RIGHT", "AVATAR_TOP_LEFT", "AVATAR_TOP_RIGHT",
        "SPLIT_AVATAR_LEFT", "SPLIT_AVATAR_RIGHT", "SPLIT_AVATAR_TOP", "SPLIT_AVATAR_BOTTOM", "BACKGROUND",
    };

    /// <summary>The video's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The avatar that speaks every moment (with -Moment: the avatar of moments that name none).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TranscriptSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = MomentSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string AvatarId { get; set; } = "";

    /// <summary>The voice of every moment; the avatar's own when omitted (or empty, as a blank CSV column). With -Moment: of transcript moments that name none.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? VoiceId { get; set; }

    /// <summary>The avatar's gesture (its slug) for every moment; with -Moment, for moments that name none.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GestureSlugCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? GestureSlug { get; set; }

    /// <summary>What the avatar says, one moment per string (each at most -MaxMomentLength characters).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TranscriptSet, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ValidateNotNull]
    public string[] Transcript { get; set; } = Array.Empty<string>();

    /// <summary>Text of any length, split into moments of at most -MaxMomentLength characters: whole sentences packed together, longer ones cut at a clause or word boundary.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ValidateNotNull]
    public string Script { get; set; } = "";

    /// <summary>Moments built with New-ArgilVideoMoment (or hashtables with their properties).</summary>
    [Parameter(Mandatory = true, ParameterSetName = MomentSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public VideoMoment[] Moment { get; set; } = Array.Empty<VideoMoment>();

    /// <summary>The most characters of one moment's transcript: -Script is split to fit, and longer -Transcript or -Moment transcripts are refused. 250 as Argil documents it.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MaxMomentLength { get; set; } = DefaultMaxMomentLength;

    /// <summary>16:9 or 9:16; by default, the avatar's (or when blank, as an empty CSV cell).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VideoOptionCompleter))]
    [BlankAsNotGiven]
    [ValidateOptionalSet("16:9", "9:16")]
    public string? AspectRatio { get; set; }

    /// <summary>The generation model; Argil's default when omitted or blank.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VideoOptionCompleter))]
    [BlankAsNotGiven]
    [ValidateOptionalSet("ARGIL_V1", "ARGIL_ATOM")]
    public string? Model { get; set; }

    /// <summary>Adds subtitles (implied by -SubtitleStyleId, -SubtitlePosition or -SubtitleSize).</summary>
    [Parameter]
    public SwitchParameter Subtitles { get; set; }

    /// <summary>The subtitle style (an id from Get-ArgilSubtitleStyle).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SubtitleStyleIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SubtitleStyleId { get; set; }

    /// <summary>Where subtitles go.</summary>
    [Parameter]
    [ValidateSet("Top", "Middle", "Bottom")]
    public string? SubtitlePosition { get; set; }

    /// <summary>How big subtitles are.</summary>
    [Parameter]
    [ValidateSet("Small", "Medium", "Large")]
    public string? SubtitleSize { get; set; }

    /// <summary>Adds B-roll automatically; needs -BrollSource (and -BrollIntensity, except with AVATAR_ACTION).</summary>
    [Parameter]
    public SwitchParameter AutoBroll { get; set; }

    /// <summary>Where automatic B-roll comes from: GENERATION, GOOGLE_IMAGES, STOCKS_VIDEO (Getty videos) or AVATAR_ACTION (AI Influencer avatars only).</summary>
    [Parameter]
    [ValidateSet("GENERATION", "GOOGLE_IMAGES", "STOCKS_VIDEO", "AVATAR_ACTION")]
    public string? BrollSource { get; set; }

    /// <summary>How much automatic B-roll: LOW, MEDIUM or HIGH (not with AVATAR_ACTION).</summary>
    [Parameter]
    [ValidateSet("LOW", "MEDIUM", "HIGH")]
    public string? BrollIntensity { get; set; }

    /// <summary>How automatic B-roll and the avatar share the frame.</summary>
    [Parameter]
    [ValidateSet("FULLSCREEN", "AVATAR_BOTTOM_LEFT", "AVATAR_BOTTOM_RIGHT", "AVATAR_TOP_LEFT", "AVATAR_TOP_RIGHT",
        "SPLIT_AVATAR_LEFT", "SPLIT_AVATAR_RIGHT", "SPLIT_AVATAR_TOP", "SPLIT_AVATAR_BOTTOM", "BACKGROUND")]
    public string? BrollLayout { get; set; }

    /// <summary>Background music: an AUDIO asset (Get-ArgilAsset -Type AUDIO).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(AudioAssetCompleter))]
    [ValidateNotNullOrEmpty]
    public string? BackgroundMusicAssetId { get; set; }

    /// <summary>The background music's volume, 0 to 1 (Argil's default is 0.14); only with -BackgroundMusicAssetId.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? BackgroundMusicVolume { get; set; }

    /// <summary>Your own metadata: at most 10 key-value pairs, values at most 256 characters.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateExtras]
    public IDictionary? Extras { get; set; }

    /// <summary>Renders the video at once (it spends credits) and outputs it as the render returned it.</summary>
    [Parameter]
    public SwitchParameter Render { get; set; }

    /// <summary>With -Render: an https URL that Argil calls once when the render ends (http:// only for a loopback receiver while connected to the sandbox).</summary>
    [Parameter]
    [ValidateCallbackUrl]
    public Uri? CallbackUrl { get; set; }

    /// <summary>How many videos of a pipeline are created (and, with -Render, rendered) at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!TryBuildRequest(out var request)) return;
        var audio = request.Moments.Count(m => m.AudioUrl is not null);
        var plural = request.Moments.Count == 1 ? "1 moment" : $"{request.Moments.Count} moments";
        var what = $"Create with {plural} and {request.TranscriptCharacters} characters of transcript" + (audio > 0 ? $" ({audio} with their own audio)" : "");
        if (Render) what += ", then render it (rendering uses Argil credits)" + (CallbackUrl is null ? "" : $" and call {CallbackUrl.AbsoluteUri}");
        if (!ShouldProcess($"Argil video '{Name}'", what)) return;

        var client = Session.Videos;
        var name = Name;
        var render = Render.IsPresent;
        var callbackUrl = CallbackUrl?.AbsoluteUri;
        var key = Session.Settings.ApiKey;
        // The render is the second step of the same operation: it follows its own create, and what
        // either gives comes out in input order. A failed create is told here as it may have
        // succeeded (retell); a failed render is kept with the video it was for.
        RunOrdered(ThrottleLimit, async (log, ct) =>
        {
            var video = await client.CreateVideoAsync(request, log, ct).ConfigureAwait(false);
            if (!render) return new CreatedVideo(video, null, null);
            try
            {
                return new CreatedVideo(video, await client.RenderVideoAsync(video.Id, callbackUrl, log, ct).ConfigureAwait(false), null);
            }
            catch (ArgilApiException e)
            {
                return new CreatedVideo(video, null, e);
            }
        }, name, created =>
        {
            VideoIdCompleter.Invalidate(Session);
            if (created.RenderFailure is { } failure) WriteApiError(CreatedButNotRendered(failure, created.Created, key), created.Created);
            else WriteObject(created.Rendered ?? created.Created);
        }, e => MayHaveBeenCreated(e, name, render, key));
    }

    /// <summary>What one piped video's operation gave: the created video, and with -Render the rendered one or why the render failed.</summary>
    private sealed class CreatedVideo
    {
        public CreatedVideo(Video created, Video? rendered, ArgilApiException? renderFailure) => (Created, Rendered, RenderFailure) = (created, rendered, renderFailure);
        public Video Created { get; }
        public Video? Rendered { get; }
        public ArgilApiException? RenderFailure { get; }
    }

    private bool TryBuildRequest(out NewVideoRequest request)
    {
        request = new NewVideoRequest
        {
            Name = Name,
            AspectRatio = ValidateOptionalSetAttribute.Canonical(AspectRatio, VideoOptionCompleter.AspectRatios),
            Model = ValidateOptionalSetAttribute.Canonical(Model, VideoOptionCompleter.Models),
            Extras = Extras is null ? null : InputRules.ToExtras(Extras, out _),
        };
        if (string.IsNullOrWhiteSpace(Name))
        {
            WriteInvalidArgument(nameof(Name), "the name is only white space", Name, "EmptyName");
            return false;
        }
        if (!TryCheckOptions(request)) return false;

        var avatarId = Blank(AvatarId);
        var voiceId = Blank(VoiceId);
        var gesture = Blank(GestureSlug);
        switch (ParameterSetName)
        {
            case TranscriptSet:
                if (Transcript.Length == 0)
                {
                    WriteInvalidArgument(nameof(Transcript), "no transcript was given; give one string per moment", Name, "EmptyTranscript");
                    return false;
                }
                for (var i = 0; i < Transcript.Length; i++)
                {
                    if (!CheckTranscript(nameof(Transcript), Transcript[i], $"transcript {i + 1} of {Transcript.Length}")) return false;
                }
                request.Moments = Transcript.Select(t => new VideoMoment { Transcript = t, AvatarId = avatarId!, VoiceId = voiceId, GestureSlug = gesture }).ToList();
                return true;

            case ScriptSet:
                if (string.IsNullOrWhiteSpace(Script))
                {
                    WriteInvalidArgument(nameof(Script), "the script is empty; give the text the avatar says", Name, "EmptyScript");
                    return false;
                }
                request.Moments = ScriptSplitter.Split(Script, MaxMomentLength)
                    .Select(t => new VideoMoment { Transcript = t, AvatarId = avatarId!, VoiceId = voiceId, GestureSlug = gesture }).ToList();
                for (var i = 0; i < request.Moments.Count; i++)
                {
                    // The splitter keeps to the limit; this holds it to that.
                    if (!CheckTranscript(nameof(Script), request.Moments[i].Transcript, $"part {i + 1} of the split script")) return false;
                }
                return true;

            default:
                if (Moment.Length == 0)
                {
                    WriteInvalidArgument(nameof(Moment), "no moment was given; build them with New-ArgilVideoMoment", Name, "InvalidMoment");
                    return false;
                }
                var moments = new List<VideoMoment>();
                for (var i = 0; i < Moment.Length; i++)
                {
                    var which = $"moment {i + 1} of {Moment.Length}";
                    var given = Moment[i];
                    if (given is null)
                    {
                        WriteInvalidArgument(nameof(Moment), $"{which} is null", Name, "InvalidMoment");
                        return false;
                    }
                    var moment = new VideoMoment
                    {
                        AvatarId = Blank(given.AvatarId) ?? avatarId ?? "",
                        Transcript = given.Transcript,
                        AudioUrl = Blank(given.AudioUrl),
                        // A default voice is for generated speech: a moment with its own audio keeps none.
                        VoiceId = Blank(given.VoiceId) ?? (given.AudioUrl is null ? voiceId : null),
                        GestureSlug = Blank(given.GestureSlug) ?? gesture,
                        Zoom = given.Zoom,
                        BrollAssetId = Blank(given.BrollAssetId),
                    };
                    if (!CheckMoment(moment, which)) return false;
                    moments.Add(moment);
                }
                request.Moments = moments;
                return true;
        }
    }

    /// <summary>The options that go together or exclude each other, checked before anything is sent.</summary>
    private bool TryCheckOptions(NewVideoRequest request)
    {
        if (CallbackUrl is not null && !Render)
        {
            WriteInvalidArgument(nameof(CallbackUrl), "it is called when a render ends, so it needs -Render (or use Start-ArgilVideoRender -CallbackUrl later)", Name, "InvalidParameterCombination");
            return false;
        }
        if (ValidateCallbackUrlAttribute.CheckForConnection(this, CallbackUrl) is { } rule)
        {
            WriteInvalidArgument(nameof(CallbackUrl), rule, Name, "InvalidCallbackUrl");
            return false;
        }
        if (Subtitles || SubtitleStyleId is not null || SubtitlePosition is not null || SubtitleSize is not null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Subtitles)) && !Subtitles.IsPresent && (SubtitleStyleId ?? SubtitlePosition ?? SubtitleSize) is not null)
            {
                WriteInvalidArgument(nameof(Subtitles), "-Subtitles:$false turns subtitles off, but -SubtitleStyleId, -SubtitlePosition or -SubtitleSize asks for them", Name, "InvalidParameterCombination");
                return false;
            }
            request.Subtitles = new SubtitleSettings
            {
                StyleId = SubtitleStyleId,
                Position = Documented(SubtitlePosition, "Top", "Middle", "Bottom"),
                Size = Documented(SubtitleSize, "Small", "Medium", "Large"),
            };
        }

        var brollOption = BrollSource is not null ? nameof(BrollSource) : BrollIntensity is not null ? nameof(BrollIntensity) : BrollLayout is not null ? nameof(BrollLayout) : null;
        if (!AutoBroll && brollOption is not null)
        {
            WriteInvalidArgument(brollOption, "it sets automatic B-roll, so it needs -AutoBroll", Name, "InvalidParameterCombination");
            return false;
        }
        if (AutoBroll)
        {
            if (BrollSource is null)
            {
                WriteInvalidArgument(nameof(AutoBroll), "automatic B-roll needs -BrollSource (GENERATION, GOOGLE_IMAGES, STOCKS_VIDEO or AVATAR_ACTION)", Name, "InvalidParameterCombination");
                return false;
            }
            var avatarAction = string.Equals(BrollSource, "AVATAR_ACTION", StringComparison.OrdinalIgnoreCase);
            if (avatarAction && BrollIntensity is not null)
            {
                WriteInvalidArgument(nameof(BrollIntensity), "Argil does not take an intensity with -BrollSource AVATAR_ACTION", Name, "InvalidParameterCombination");
                return false;
            }
            if (!avatarAction && BrollIntensity is null)
            {
                WriteInvalidArgument(nameof(AutoBroll), $"automatic B-roll from {BrollSource.ToUpperInvariant()} needs -BrollIntensity (LOW, MEDIUM or HIGH)", Name, "InvalidParameterCombination");
                return false;
            }
            request.AutoBrolls = new AutoBrollSettings { Source = BrollSource.ToUpperInvariant(), Intensity = BrollIntensity?.ToUpperInvariant(), Layout = BrollLayout?.ToUpperInvariant() };
        }

        if (BackgroundMusicVolume is not null && BackgroundMusicAssetId is null)
        {
            WriteInvalidArgument(nameof(BackgroundMusicVolume), "it is the volume of the background music, so it needs -BackgroundMusicAssetId", Name, "InvalidParameterCombination");
            return false;
        }
        request.BackgroundMusicAssetId = BackgroundMusicAssetId;
        request.BackgroundMusicVolume = BackgroundMusicVolume;
        return true;
    }

    private bool CheckTranscript(string parameter, string? transcript, string which)
    {
        if (string.IsNullOrWhiteSpace(transcript))
        {
            WriteInvalidArgument(parameter, $"{which} is empty; every moment needs words (or its own audio: New-ArgilVideoMoment -AudioUrl)", Name, "EmptyTranscript");
            return false;
        }
        var length = InputRules.CharacterCount(transcript!);
        if (length > MaxMomentLength)
        {
            WriteInvalidArgument(parameter, $"{which} has {length} characters; a moment may have at most {MaxMomentLength} (-MaxMomentLength). " +
                "Shorten it, or give the text as -Script, which splits it into moments", Name, "TranscriptTooLong");
            return false;
        }
        return true;
    }

    private bool CheckMoment(VideoMoment moment, string which)
    {
        string? rule = null;
        if (moment.AvatarId.Length == 0) rule = $"{which} has no AvatarId; give it one (New-ArgilVideoMoment -AvatarId) or give -AvatarId for every moment";
        else if (moment.Transcript is not null && moment.AudioUrl is not null) rule = $"{which} has both a transcript and an audio URL; Argil takes exactly one of them";
        else if (moment.Transcript is null && moment.AudioUrl is null) rule = $"{which} has neither a transcript nor an audio URL; Argil needs exactly one of them";
        else if (moment.AudioUrl is not null && InputRules.CheckHttpsUrl(moment.AudioUrl) is { } urlRule) rule = $"the audio URL of {which} is not accepted: {urlRule}";
        else if (moment.Zoom is { } zoom && (double.IsNaN(zoom) || zoom < 1 || zoom > 2)) rule = $"the zoom of {which} is {zoom}; Argil takes 1 to 2";
        if (rule is not null)
        {
            WriteInvalidArgument(nameof(Moment), rule, Name, "InvalidMoment");
            return false;
        }
        return moment.Transcript is null || CheckTranscript(nameof(Moment), moment.Transcript, $"the transcript of {which}");
    }

    /// <summary>A value ValidateSet accepted in any case, spelled as the API documents it.</summary>
    private static string? Documented(string? value, params string[] spellings) =>
        value is null ? null : spellings.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase)) ?? value;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    /// <summary>A failed create after which the video may exist, told so, with the command that checks.</summary>
    internal static ArgilApiException MayHaveBeenCreated(ArgilApiException failure, string name, bool render, ApiKey key)
    {
        if (!failure.MayHaveSucceeded) return failure;
        var check = Redactor.Redact("Get-ArgilVideo -Name " + ArgumentCompletion.Quote(WildcardPattern.Escape(name)), key);
        var notRendered = render ? " It was not rendered: if it exists, render it with Start-ArgilVideoRender." : "";
        return failure.Rephrase(Redactor.Redact($"{failure.Message} The video '{name}' may have been created; check with {check} before creating it again.{notRendered}", key),
            $"Run {check} to see whether it exists before running New-ArgilVideo again.", mayHaveSucceeded: true);
    }

    /// <summary>A render that failed after the create succeeded: the video exists, and this says its id and how to render it.</summary>
    internal static ArgilApiException CreatedButNotRendered(ArgilApiException failure, Video video, ApiKey key)
    {
        var quoted = ArgumentCompletion.Quote(video.Id);
        var render = $"Start-ArgilVideoRender -Id {quoted}";
        var message = failure.MayHaveSucceeded
            ? $"The video '{video.Name}' was created (id {video.Id}), but its render request failed after Argil may have acted on it: {failure.Message} The render may have started (and be billed); check with Get-ArgilVideo -Id {quoted} and run {render} only if it is still IDLE without a videoUrl."
            : $"The video '{video.Name}' was created (id {video.Id}), but its render did not start: {failure.Message} Render it with {render}; do not run New-ArgilVideo again, which would create a second video.";
        var action = failure.MayHaveSucceeded
            ? $"Run Get-ArgilVideo -Id {quoted}; if it is IDLE without a videoUrl, run {render}."
            : $"Run {render} (the video exists; New-ArgilVideo again would create another).";
        return failure.Rephrase(Redactor.Redact(message, key), Redactor.Redact(action, key));
    }
}
