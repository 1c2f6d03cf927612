using System;

namespace ArgilPS.Sandbox;

/// <summary>How the sandbox behaves.</summary>
internal sealed class SandboxOptions
{
    /// <summary>How long an avatar trains, on the sandbox clock. Argil documents "typically within 30 seconds".</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a video-mode avatar stays NOT_TRAINED before training starts.</summary>
    public TimeSpan NotTrainedDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an uploaded asset is PROCESSING, on the sandbox clock. Argil states no time (argil-api.md §9); 10 seconds.</summary>
    public TimeSpan AssetProcessingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Spell the creation time "createAt", as older documentation does.</summary>
    public bool LegacyTimestampSpelling { get; set; }

    /// <summary>How long the sandbox waits for a webhook receiver to answer one delivery (real time).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times the sandbox tries to deliver one event to one address.</summary>
    public int DeliveryAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry of a failed delivery, on the sandbox clock; each next wait is four times longer.</summary>
    public TimeSpan DeliveryFirstRetry { get; set; } = TimeSpan.FromSeconds(1);
}
