using System;

namespace ArgilPS.Sandbox;

/// <summary>How the sandbox behaves.</summary>
internal sealed class SandboxOptions
{
    /// <summary>How long an avatar trains, on the sandbox clock. Argil documents "typically within 30 seconds".</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a video-mode avatar stays NOT_TRAINED before training starts.</summary>
    public TimeSpan NotTrainedDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a render stays GENERATING_AUDIO, on the sandbox clock. Argil documents 5 to 15
    /// minutes for a whole render; the sandbox takes the short end, 1 + 4 minutes.
    /// </summary>
    public TimeSpan GeneratingAudioDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a render stays GENERATING_VIDEO before it ends (DONE unless the video asked otherwise).</summary>
    public TimeSpan GeneratingVideoDuration { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The most characters (Unicode code points) a moment's transcript may have. argil-api.md §5.2
    /// and §10.2: the documented schema says "Current limit: 250 characters"; third parties say 500.
    /// The sandbox follows the documented schema, 250, and a test may change it.
    /// </summary>
    public int MaximumTranscriptCharacters { get; set; } = 250;

    /// <summary>
    /// The size in bytes of the MP4 served for a rendered video; 0 (the default) serves the small
    /// MP4 as made (3279 bytes). A larger size pads it with a free box generated as it is sent, so
    /// downloads of any size can be tested without the sandbox holding the file in memory.
    /// </summary>
    public long VideoFileBytes { get; set; }

    /// <summary>Spell the creation time "createAt", as older documentation does.</summary>
    public bool LegacyTimestampSpelling { get; set; }
}
