using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Webhooks;

/// <summary>
/// Reads the body Argil posts to a webhook (argil-api.md §8.6: <c>{event, data: {...}}</c>) into a
/// <see cref="WebhookEvent"/>. Strict, unlike the API mappers: a receiver must not act on a body
/// that is not one of the four documented events, so anything else is refused with what is wrong.
/// Fields Argil may add later are ignored; the whole body is kept in <see cref="WebhookEvent.RawBody"/>.
/// </summary>
internal static class WebhookEventReader
{
    /// <summary>The largest body read, in characters: documented events are a few hundred bytes.</summary>
    public const int MaximumBodyLength = 1024 * 1024;

    /// <summary>The deepest nesting read: the documented payload is three levels deep (body, data, extras).</summary>
    public const int MaximumDepth = 8;

    /// <summary>How much of a refused body a message shows.</summary>
    public const int ExcerptLength = 60;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaximumDepth };

    /// <summary>The event, or null with <paramref name="problem"/> saying what is wrong (never more than a short excerpt of the body).</summary>
    public static WebhookEvent? Read(string? body, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = "the body is empty";
            return null;
        }
        if (body!.Length > MaximumBodyLength)
        {
            problem = $"the body is longer than {MaximumBodyLength:N0} characters; an Argil event is a small JSON object, and at most {MaximumBodyLength:N0} characters are read";
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            problem = IsJson(body)
                ? $"the JSON is nested more than {MaximumDepth} levels deep; an Argil event is three levels deep ({Excerpt(body)})"
                : $"the body is not JSON ({Excerpt(body)})";
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the body is {WebhookMapper.Kind(root)}, not a JSON object with 'event' and 'data' ({Excerpt(body)})";
                return null;
            }
            if (!root.TryGetProperty("event", out var eventElement))
            {
                problem = $"the body has no 'event' ({Excerpt(body)})";
                return null;
            }
            if (eventElement.ValueKind != JsonValueKind.String)
            {
                problem = $"'event' is {WebhookMapper.Kind(eventElement)}, not text";
                return null;
            }
            // An older page of Argil's documentation spells the video events in lower case.
            var name = WebhookEventName.All.FirstOrDefault(n => string.Equals(n, eventElement.GetString(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problem = $"'event' is '{Excerpt(eventElement.GetString()!, quoted: false)}', not one of the Argil events {string.Join(", ", WebhookEventName.All)}";
                return null;
            }
            if (!root.TryGetProperty("data", out var data))
            {
                problem = $"the {name} event has no 'data'";
                return null;
            }
            if (data.ValueKind != JsonValueKind.Object)
            {
                problem = $"'data' of the {name} event is {WebhookMapper.Kind(data)}, not an object";
                return null;
            }
            var result = new WebhookEvent { Event = name, RawBody = body };
            var video = name.StartsWith("VIDEO_", StringComparison.Ordinal);
            problem = video
                ? Field(data, name, "videoId", required: true, v => result.VideoId = v)
                  ?? Field(data, name, "videoName", required: false, v => result.VideoName = v)
                  ?? Field(data, name, "videoUrl", required: false, v => result.VideoUrl = v)
                : Field(data, name, "avatarId", required: true, v => result.AvatarId = v)
                  ?? Field(data, name, "avatarName", required: false, v => result.AvatarName = v)
                  ?? Field(data, name, "voiceId", required: false, v => result.VoiceId = v);
            problem ??= Extras(data, name, result.Extras);
            return problem is null ? result : null;
        }
    }

    /// <summary>Whether the text is JSON at any depth (it is at most <see cref="MaximumBodyLength"/> characters).</summary>
    private static bool IsJson(string body)
    {
        try
        {
            using var deep = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaximumBodyLength });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Field(JsonElement data, string name, string field, bool required, Action<string> set)
    {
        if (!data.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return required ? $"'data' of the {name} event has no '{field}'" : null;
        if (value.ValueKind != JsonValueKind.String) return $"'data.{field}' of the {name} event is {WebhookMapper.Kind(value)}, not text";
        var text = value.GetString()!;
        if (required && text.Trim().Length == 0) return $"'data.{field}' of the {name} event is empty";
        set(text);
        return null;
    }

    /// <summary>
    /// <c>extras</c>: an object of texts (the resource's extras), or, as the documentation's example
    /// shows it, one text: JSON of such an object is read as one, other text is kept under "value".
    /// </summary>
    private static string? Extras(JsonElement data, string name, WebhookEventExtras extras)
    {
        if (!data.TryGetProperty("extras", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (text.Trim().Length == 0) return null;
            if (text.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using var inner = JsonDocument.Parse(text, Options);
                    if (inner.RootElement.ValueKind == JsonValueKind.Object) return Pairs(inner.RootElement, name, extras);
                }
                catch (JsonException)
                {
                    // Not JSON after all: kept as text below.
                }
            }
            extras["value"] = text;
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object) return $"'data.extras' of the {name} event is {WebhookMapper.Kind(value)}, not an object of key-value pairs";
        return Pairs(value, name, extras);
    }

    private static string? Pairs(JsonElement obj, string name, WebhookEventExtras extras)
    {
        foreach (var pair in obj.EnumerateObject())
        {
            switch (pair.Value.ValueKind)
            {
                case JsonValueKind.String: extras[pair.Name] = pair.Value.GetString()!; break;
                case JsonValueKind.Null: extras[pair.Name] = ""; break;
                default: return $"'data.extras.{Excerpt(pair.Name, quoted: false)}' of the {name} event is {WebhookMapper.Kind(pair.Value)}, not text";
            }
        }
        return null;
    }

    /// <summary>The start of a text as a message may show it: at most <see cref="ExcerptLength"/> characters, one line, control characters visible.</summary>
    internal static string Excerpt(string text, bool quoted = true)
    {
        var cut = text.Length > ExcerptLength;
        var start = cut ? text.Substring(0, char.IsHighSurrogate(text[ExcerptLength - 1]) ? ExcerptLength - 1 : ExcerptLength) : text;
        var shown = DisplayText.Neutralise(start);
        var sb = new StringBuilder();
        if (quoted) sb.Append(cut ? "it begins '" : "it is '");
        sb.Append(shown);
        if (cut) sb.Append('…');
        if (quoted) sb.Append('\'');
        return sb.ToString();
    }
}
