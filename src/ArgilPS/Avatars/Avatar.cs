using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS;

/// <summary>An Argil avatar: a trained "clone" that videos are generated with.</summary>
public sealed class Avatar
{
    /// <summary>The avatar's id (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>The avatar's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The actor's name, for Argil's public avatars.</summary>
    public string? ActorName { get; set; }

    /// <summary>The training status, as the API spells it; see <see cref="AvatarStatus"/>. Values the API adds later pass through unchanged.</summary>
    public string Status { get; set; } = "";

    /// <summary>ASPECT_RATIO_16_9 or ASPECT_RATIO_9_16.</summary>
    public string? Orientation { get; set; }

    /// <summary>The model, such as ARGIL_V1 or ARGIL_ATOM.</summary>
    public string? Model { get; set; }

    /// <summary>Width of the source, in pixels.</summary>
    public int? Width { get; set; }

    /// <summary>Height of the source, in pixels.</summary>
    public int? Height { get; set; }

    /// <summary>Low-resolution thumbnail.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>High-resolution cover image.</summary>
    public string? CoverImageUrl { get; set; }

    /// <summary>When the avatar was created (UTC).</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the avatar was last changed (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    // Made when first read, unless the mapper sets them: an avatar read from the API does not build an
    // empty list and dictionary only to replace them (50,000 avatars in a list, two each).
    private AvatarGestureList? _gestures;
    private AvatarExtras? _extras;

    /// <summary>The labelled gestures that videos can use.</summary>
    public AvatarGestureList Gestures { get => _gestures ??= new(); set => _gestures = value; }

    /// <summary>Your own key-value metadata.</summary>
    public AvatarExtras Extras { get => _extras ??= new(); set => _extras = value; }

    /// <summary>True once the avatar can be used in videos.</summary>
    public bool IsReady => string.Equals(Status, AvatarStatus.Idle, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>An avatar's gestures; as text (Export-Csv, string interpolation) the slugs, comma-separated.</summary>
public sealed class AvatarGestureList : List<AvatarGesture>
{
    /// <summary>An empty list.</summary>
    public AvatarGestureList()
    {
    }

    /// <summary>An empty list with room for <paramref name="capacity"/> gestures.</summary>
    internal AvatarGestureList(int capacity) : base(capacity)
    {
    }

    /// <summary>A list of the given gestures.</summary>
    public AvatarGestureList(IEnumerable<AvatarGesture> gestures) : base(gestures)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", this);
}

/// <summary>An avatar's extras; as text (Export-Csv, string interpolation) key=value pairs separated by semicolons.</summary>
public sealed class AvatarExtras : Dictionary<string, string>
{
    /// <summary>An empty set of extras.</summary>
    public AvatarExtras() : base(StringComparer.Ordinal)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", this.Select(p => p.Key + "=" + p.Value));
}

/// <summary>A gesture of an avatar that a video moment can ask for.</summary>
public sealed class AvatarGesture
{
    /// <summary>A label for people.</summary>
    public string? Label { get; set; }

    /// <summary>The identifier a video moment uses.</summary>
    public string? Slug { get; set; }

    /// <summary>The frame of the source video the gesture starts at.</summary>
    public double? StartFrame { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Slug ?? Label ?? "";
}

/// <summary>The documented avatar statuses. <see cref="Avatar.Status"/> is a string so that values added later never fail a call.</summary>
public static class AvatarStatus
{
    /// <summary>Created in video mode, training has not started.</summary>
    public const string NotTrained = "NOT_TRAINED";
    /// <summary>Training; the first status of an image avatar.</summary>
    public const string Training = "TRAINING";
    /// <summary>Training failed.</summary>
    public const string TrainingFailed = "TRAINING_FAILED";
    /// <summary>Ready to use.</summary>
    public const string Idle = "IDLE";
    /// <summary>Refused by moderation.</summary>
    public const string Refused = "REFUSED";

    /// <summary>True for a status that will not change any more.</summary>
    public static bool IsTerminal(string? status) =>
        status is not null && (Eq(status, Idle) || Eq(status, TrainingFailed) || Eq(status, Refused));

    private static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
