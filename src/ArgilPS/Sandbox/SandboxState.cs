using System;

namespace ArgilPS.Sandbox;

/// <summary>How the connected sandbox is set up now (Set-ArgilSandbox -PassThru).</summary>
public sealed class SandboxState
{
    /// <summary>The sandbox's address.</summary>
    public Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    /// <summary>How time passes.</summary>
    public SandboxTimeMode TimeMode { get; set; }

    /// <summary>The sandbox clock's time (UTC).</summary>
    public DateTime Now { get; set; }

    /// <summary>Seconds an avatar trains.</summary>
    public double TrainingSeconds { get; set; }

    /// <summary>Seconds a video-mode avatar stays NOT_TRAINED.</summary>
    public double NotTrainedSeconds { get; set; }

    /// <summary>Where rendered videos are downloaded from: another port than the API, which takes no key.</summary>
    public Uri? FilesUri { get; set; }

    /// <summary>Seconds a render stays GENERATING_AUDIO.</summary>
    public double GeneratingAudioSeconds { get; set; }

    /// <summary>Seconds a render stays GENERATING_VIDEO.</summary>
    public double GeneratingVideoSeconds { get; set; }

    /// <summary>The most characters a moment's transcript may have (250, as documented).</summary>
    public int MaximumTranscriptCharacters { get; set; }

    /// <summary>The size in bytes of the MP4 served for a rendered video.</summary>
    public long VideoFileBytes { get; set; }

    /// <summary>Whether avatars carry "createAt" instead of "createdAt".</summary>
    public bool LegacyTimestampSpelling { get; set; }

    /// <summary>Faults still waiting for requests.</summary>
    public int PendingFaults { get; set; }

    /// <summary>Requests in the journal.</summary>
    public int JournalCount { get; set; }
}
