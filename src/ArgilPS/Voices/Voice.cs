using System;

namespace ArgilPS;

/// <summary>An Argil voice: one of Argil's public voices, or your workspace's own (cloned from audio or synced from a provider).</summary>
public sealed class Voice
{
    /// <summary>The voice's id (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>The voice's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The status, as the API spells it (undocumented apart from IDLE, ready to use). Values the API adds later pass through unchanged.</summary>
    public string Status { get; set; } = "";

    /// <summary>The language, such as ENGLISH or FRENCH; null when the API gives none.</summary>
    public string? Language { get; set; }

    /// <summary>MALE or FEMALE; null when the API gives none.</summary>
    public string? Gender { get; set; }

    /// <summary>An audio sample of the voice.</summary>
    public string? SampleUrl { get; set; }

    /// <summary>When the voice was created (UTC).</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the voice was last changed (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>A voice provider connection of the workspace, as POST /voices/sync answers it.</summary>
public sealed class VoiceProviderSync
{
    /// <summary>The id of the provider connection (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>ELEVEN_LABS or MINIMAX.</summary>
    public string ProviderName { get; set; } = "";

    /// <summary>The connection's name, if it has one.</summary>
    public string? ConnectionName { get; set; }

    /// <summary>SYNCING once the sync has started. The API has no way to tell when it has finished: list the voices again later.</summary>
    public string SyncStatus { get; set; } = "";

    /// <inheritdoc/>
    public override string ToString() => Id;
}
