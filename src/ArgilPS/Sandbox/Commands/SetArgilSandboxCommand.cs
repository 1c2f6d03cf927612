using System;
using System.Management.Automation;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>Set-ArgilSandbox: changes how the sandbox behaves: its clock, training and render times, transcript limit, served video size, and timestamp spelling.</summary>
[Cmdlet(VerbsCommon.Set, "ArgilSandbox", SupportsShouldProcess = false, HelpUri = HelpLinks.Base + "Set-ArgilSandbox.md")]
[OutputType(typeof(SandboxState))]
public sealed class SetArgilSandboxCommand : SandboxCmdlet
{
    /// <summary>Realtime, Accelerated (waits are skipped) or Manual (time moves only with -AdvanceSeconds and the module's waits).</summary>
    [Parameter]
    public SandboxTimeMode TimeMode { get; set; }

    /// <summary>Seconds an avatar trains on the sandbox clock (default 30, as Argil documents).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double TrainingSeconds { get; set; }

    /// <summary>Seconds a video-mode avatar stays NOT_TRAINED before it trains (default 10).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double NotTrainedSeconds { get; set; }

    /// <summary>Seconds a render stays GENERATING_AUDIO on the sandbox clock (default 60).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double GeneratingAudioSeconds { get; set; }

    /// <summary>Seconds a render stays GENERATING_VIDEO on the sandbox clock before it ends (default 240).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double GeneratingVideoSeconds { get; set; }

    /// <summary>The most characters a moment's transcript may have (default 250, as Argil documents).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int MaximumTranscriptCharacters { get; set; }

    /// <summary>The size in bytes of the MP4 served for a rendered video; 0 (the default) serves the small MP4 as it is (3279 bytes).</summary>
    [Parameter]
    [ValidateRange(0L, 1099511627776L)]
    public long VideoFileBytes { get; set; }

    /// <summary>Moves the sandbox clock forward by this many seconds.</summary>
    [Parameter]
    [ValidateRange(0.0, 31536000.0)]
    public double AdvanceSeconds { get; set; }

    /// <summary>Spell the creation time "createAt" in avatars, as older Argil documentation does.</summary>
    [Parameter]
    public SwitchParameter LegacyTimestampSpelling { get; set; }

    /// <summary>Output the sandbox's state afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var sandbox = Sandbox;
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(TimeMode))) sandbox.Clock.Mode = TimeMode;
        if (bound.ContainsKey(nameof(TrainingSeconds))) sandbox.Options.TrainingDuration = TimeSpan.FromSeconds(TrainingSeconds);
        if (bound.ContainsKey(nameof(NotTrainedSeconds))) sandbox.Options.NotTrainedDuration = TimeSpan.FromSeconds(NotTrainedSeconds);
        if (bound.ContainsKey(nameof(GeneratingAudioSeconds))) sandbox.Options.GeneratingAudioDuration = TimeSpan.FromSeconds(GeneratingAudioSeconds);
        if (bound.ContainsKey(nameof(GeneratingVideoSeconds))) sandbox.Options.GeneratingVideoDuration = TimeSpan.FromSeconds(GeneratingVideoSeconds);
        if (bound.ContainsKey(nameof(MaximumTranscriptCharacters))) sandbox.Options.MaximumTranscriptCharacters = MaximumTranscriptCharacters;
        if (bound.ContainsKey(nameof(VideoFileBytes))) sandbox.Options.VideoFileBytes = VideoFileBytes;
        if (bound.ContainsKey(nameof(LegacyTimestampSpelling))) sandbox.Options.LegacyTimestampSpelling = LegacyTimestampSpelling;
        if (AdvanceSeconds > 0) sandbox.Clock.Advance(TimeSpan.FromSeconds(AdvanceSeconds));
        if (PassThru) WriteObject(sandbox.State);
    }
}
