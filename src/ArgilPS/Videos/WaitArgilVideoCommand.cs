using System;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>
/// Wait-ArgilVideo: waits until every piped video has finished rendering, polling them all in one
/// loop (the poller Wait-ArgilAvatar uses), and outputs each one as soon as it is DONE.
/// </summary>
/// <remarks>
/// A video that is IDLE without a videoUrl has not been rendered. Right after Start-ArgilVideoRender
/// the API may still show it IDLE for a moment (argil-api.md §5.3: Argil's own n8n node even treats
/// IDLE after a render as finished), so IDLE is not final at once: only when a check made
/// <see cref="RenderStartGrace"/> or more after the wait began still sees it IDLE without a
/// videoUrl is it reported as VideoNotRendered. An IDLE video with a videoUrl (rendered before, and
/// rendering again, or shown IDLE after a render) is waited for like a video in progress: only DONE
/// is output, so what comes out can always be saved.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "ArgilVideo", HelpUri = HelpLinks.Base + "Wait-ArgilVideo.md")]
[OutputType(typeof(Video))]
public sealed class WaitArgilVideoCommand : ArgilCmdlet
{
    private const int ProgressId = 4712;

    /// <summary>How long a video may still show IDLE, without a videoUrl, after the wait began, before it counts as never rendered.</summary>
    internal static readonly TimeSpan RenderStartGrace = TimeSpan.FromSeconds(30);

    private WaitLoop<Video>? _wait;
    private DateTime _started;

    /// <summary>The videos to wait for: ids, or videos and objects with an Id or VideoId property from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait in all before giving up with a VideoWaitTimeout error per video still rendering; -1 waits forever.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 3600;

    /// <summary>Seconds between two checks of the videos still rendering.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollingInterval { get; set; } = 10;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _wait = new WaitLoop<Video>(this, "Video")
        {
            Get = (id, log, ct) => Session.Videos.GetVideoAsync(id, log, ct),
            // GET /videos has no status filter: its first pages, or one get per video the list did not show.
            ObserveMany = Session.Videos.ObserveVideosAsync,
            IsTerminal = IsTerminal,
            Finished = Finish,
            Describe = v => string.IsNullOrWhiteSpace(v.Status) ? v.Name : $"{v.Name} ({v.Status})",
            StillPending = (id, v) => string.IsNullOrWhiteSpace(v.Status)
                ? $"Video '{v.Name}' ({id}) had not finished rendering (the API gave no status)"
                : $"Video '{v.Name}' ({id}) was still {v.Status}",
            TimeoutAdvice = (id, v) => NeverRendered(v) ? $"It was never seen rendering: start it with Start-ArgilVideoRender -Id {ArgumentCompletion.Quote(Safe(id))}." : null,
            ProgressId = ProgressId,
            Activity = "Waiting for Argil videos",
        };
    }

    /// <inheritdoc/>
    protected override void ProcessRecord() => _wait!.Add(Id);

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_wait!.Count == 0) return;
        _started = Session.Clock.UtcNow;
        _wait.Run(Timeout, PollingInterval);
    }

    private static bool NeverRendered(Video video) => VideoStatus.Is(video.Status, VideoStatus.IDLE) && string.IsNullOrEmpty(video.VideoUrl);

    /// <summary>DONE, FAILED and CONTENT_MODERATED end the wait, and IDLE without a videoUrl once the grace has passed; anything else (a status added later too) does not.</summary>
    private bool IsTerminal(Video video) =>
        VideoStatus.IsTerminal(video.Status) || NeverRendered(video) && Session.Clock.UtcNow - _started >= RenderStartGrace;

    /// <summary>Writes a video that reached a terminal status: the video when DONE, else an error about it.</summary>
    private void Finish(string id, Video video)
    {
        var label = $"'{video.Name}' ({video.Id})";
        if (VideoStatus.Is(video.Status, VideoStatus.DONE))
            WriteObject(video);
        else if (VideoStatus.Is(video.Status, VideoStatus.FAILED))
            WriteVideoError(video, "VideoGenerationFailed", ErrorCategory.InvalidResult,
                $"Rendering video {label} failed (status FAILED).",
                $"Argil refunds failed renders. Check the script, the avatar and the voice, then render it again: Start-ArgilVideoRender -Id {ArgumentCompletion.Quote(video.Id)} | Wait-ArgilVideo");
        else if (VideoStatus.Is(video.Status, VideoStatus.CONTENT_MODERATED))
            WriteVideoError(video, "VideoContentModerated", ErrorCategory.PermissionDenied,
                $"Video {label} was stopped by Argil's moderation (status CONTENT_MODERATED).",
                "Change the script or the avatar to follow Argil's content policy, then make the video again with New-ArgilVideo.");
        else
            WriteVideoError(video, "VideoNotRendered", ErrorCategory.InvalidOperation,
                $"Video {label} was never rendered: it is still IDLE, without a videoUrl, {(int)RenderStartGrace.TotalSeconds} seconds or more after the wait began.",
                $"Start its render, then wait: Start-ArgilVideoRender -Id {ArgumentCompletion.Quote(video.Id)} | Wait-ArgilVideo (or New-ArgilVideo -Render).");
    }

    private void WriteVideoError(Video video, string errorId, ErrorCategory category, string message, string action) =>
        WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, category, video)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
}
