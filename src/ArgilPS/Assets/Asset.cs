using System;

namespace ArgilPS;

/// <summary>
/// An Argil asset: an audio file of the background-music library (AUDIO), or an image or a video
/// uploaded for B-roll (IMAGE, VIDEO). Uploads are processed (PROCESSING) before they can be used (READY).
/// </summary>
public sealed class Asset
{
    /// <summary>The asset's id (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>The asset's display name; null when the API has none.</summary>
    public string? Name { get; set; }

    /// <summary>AUDIO, IMAGE or VIDEO, as the API spells it; see <see cref="AssetType"/>. Values the API adds later pass through unchanged.</summary>
    public string Type { get; set; } = "";

    /// <summary>PROCESSING, READY or FAILED, as the API spells it; see <see cref="AssetStatus"/>. Values the API adds later pass through unchanged.</summary>
    public string Status { get; set; } = "";

    /// <summary>Where the file can be fetched; null while it is processing.</summary>
    public string? FileUrl { get; set; }

    /// <summary>A preview image, when there is one.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>When the asset was created (UTC).</summary>
    public DateTime? CreatedAt { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The documented asset types. <see cref="Asset.Type"/> is a string so that values added later never fail a call.</summary>
public static class AssetType
{
    /// <summary>Audio for background music, from Argil's system library (it cannot be uploaded).</summary>
    public const string Audio = "AUDIO";
    /// <summary>An image uploaded for B-roll.</summary>
    public const string Image = "IMAGE";
    /// <summary>A video uploaded for B-roll.</summary>
    public const string Video = "VIDEO";
}

/// <summary>The documented asset statuses. <see cref="Asset.Status"/> is a string so that values added later never fail a call.</summary>
public static class AssetStatus
{
    /// <summary>Uploaded, still being processed; the first status of an upload.</summary>
    public const string Processing = "PROCESSING";
    /// <summary>Processed: it can be used in videos. What GET /assets lists when no status is asked for.</summary>
    public const string Ready = "READY";
    /// <summary>Processing failed: upload a new asset.</summary>
    public const string Failed = "FAILED";

    /// <summary>True for a status that will not change any more (READY or FAILED).</summary>
    public static bool IsTerminal(string? status) =>
        status is not null && (Eq(status, Ready) || Eq(status, Failed));

    private static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
