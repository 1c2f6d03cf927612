using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS;

/// <summary>A webhook: an address Argil calls with a POST when one of its events happens.</summary>
public sealed class Webhook
{
    /// <summary>The webhook's id (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>The address Argil posts the events to.</summary>
    public string CallbackUrl { get; set; } = "";

    /// <summary>The events it is subscribed to, as the API spells them; see <see cref="WebhookEventName"/>. Names the API adds later pass through.</summary>
    public WebhookEventList Events { get; set; } = new();

    /// <summary>When the webhook was created (UTC).</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the webhook was last changed (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>When Argil last called it (UTC), if ever.</summary>
    public DateTime? LastTriggeredAt { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The events of a webhook; as text (Export-Csv, string interpolation) the names, comma-separated.</summary>
public sealed class WebhookEventList : List<string>
{
    /// <summary>An empty list.</summary>
    public WebhookEventList()
    {
    }

    /// <summary>A list of the given names.</summary>
    public WebhookEventList(IEnumerable<string> events) : base(events)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", this);
}

/// <summary>The extras of an event; as text key=value pairs separated by semicolons.</summary>
public sealed class WebhookEventExtras : Dictionary<string, string>
{
    /// <summary>An empty set of extras.</summary>
    public WebhookEventExtras() : base(StringComparer.Ordinal)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", this.Select(p => p.Key + "=" + p.Value));
}

/// <summary>
/// An event Argil delivered to a webhook (or to a render's callbackUrl), as
/// ConvertFrom-ArgilWebhookEvent reads it from the body of the POST.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>The event: AVATAR_TRAINING_SUCCESS, AVATAR_TRAINING_FAILED, VIDEO_GENERATION_SUCCESS or VIDEO_GENERATION_FAILED.</summary>
    public string Event { get; set; } = "";

    /// <summary>The video, for a video event.</summary>
    public string? VideoId { get; set; }

    /// <summary>The video's name, for a video event.</summary>
    public string? VideoName { get; set; }

    /// <summary>Where the finished video can be downloaded, for a video event.</summary>
    public string? VideoUrl { get; set; }

    /// <summary>The avatar, for an avatar event.</summary>
    public string? AvatarId { get; set; }

    /// <summary>The avatar's name, for an avatar event.</summary>
    public string? AvatarName { get; set; }

    /// <summary>The avatar's voice, for AVATAR_TRAINING_SUCCESS.</summary>
    public string? VoiceId { get; set; }

    /// <summary>The extras of the video or avatar. Argil documents them as text in one place; such text is kept under the key "value".</summary>
    public WebhookEventExtras Extras { get; set; } = new();

    /// <summary>The whole body as it was received, for fields Argil adds later.</summary>
    public string RawBody { get; set; } = "";

    /// <summary>True for VIDEO_GENERATION_SUCCESS and AVATAR_TRAINING_SUCCESS.</summary>
    public bool IsSuccess => Event.EndsWith("_SUCCESS", StringComparison.Ordinal);

    /// <summary>True for the two video events.</summary>
    public bool IsVideoEvent => Event.StartsWith("VIDEO_", StringComparison.Ordinal);

    /// <summary>The video or avatar id, as the pipeline binds it (Save-ArgilVideo, Get-ArgilAvatar).</summary>
    public string? Id => IsVideoEvent ? VideoId : AvatarId;

    /// <inheritdoc/>
    public override string ToString() => $"{Event} {Id}";
}

/// <summary>The documented webhook events. <see cref="Webhook.Events"/> holds strings so that names added later never fail a call.</summary>
public static class WebhookEventName
{
    /// <summary>An avatar has finished training and is ready.</summary>
    public const string AvatarTrainingSuccess = "AVATAR_TRAINING_SUCCESS";
    /// <summary>An avatar's training failed (or it was refused).</summary>
    public const string AvatarTrainingFailed = "AVATAR_TRAINING_FAILED";
    /// <summary>A video has finished rendering.</summary>
    public const string VideoGenerationSuccess = "VIDEO_GENERATION_SUCCESS";
    /// <summary>A video's rendering failed.</summary>
    public const string VideoGenerationFailed = "VIDEO_GENERATION_FAILED";

    /// <summary>The four documented events, in the documentation's order.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { AvatarTrainingSuccess, AvatarTrainingFailed, VideoGenerationSuccess, VideoGenerationFailed };
}
