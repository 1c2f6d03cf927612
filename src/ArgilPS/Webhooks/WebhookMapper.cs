using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ArgilPS.Webhooks;

/// <summary>
/// From what the API sent to <see cref="Webhook"/>: lenient, as for avatars. Unknown fields are
/// ignored, unknown event names kept, <c>createAt</c> read when <c>createdAt</c> is absent, and a
/// field of the wrong type is read as unknown with a debug line naming it.
/// </summary>
internal static class WebhookMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>One webhook from a body; null for a JSON null; a JsonException or FormatException for anything else.</summary>
    public static Webhook? ReadWebhook(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not a webhook object.");
        return ToWebhook(root, "The webhook", wrongField);
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of the streamed bare array of GET /webhooks: null for a
    /// JSON null, a FormatException for an entry that is not an object. Nothing of the element is kept.
    /// </summary>
    public static Webhook? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not a webhook.");
        return ToWebhook(item, $"Webhook {index} of the list", wrongField);
    }

    private static Webhook ToWebhook(JsonElement element, string which, Action<string> wrongField)
    {
        var webhook = new Webhook();
        string? id = null, createdAt = null, createAt = null, updatedAt = null, lastTriggeredAt = null;
        void Wrong(string field, JsonElement value, string expected) =>
            wrongField($"{which}: the field '{field}' is {Kind(value)}, not {expected}; it is read as unknown.");
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Text(v, () => Wrong("id", v, "text")); break;
                case "callbackurl": webhook.CallbackUrl = Text(v, () => Wrong("callbackUrl", v, "text")) ?? ""; break;
                case "createdat": createdAt = Text(v, () => Wrong("createdAt", v, "a date")); break;
                case "createat": createAt = Text(v, () => Wrong("createAt", v, "a date")); break;
                case "updatedat": updatedAt = Text(v, () => Wrong("updatedAt", v, "a date")); break;
                case "lasttriggeredat": lastTriggeredAt = Text(v, () => Wrong("lastTriggeredAt", v, "a date")); break;
                case "events":
                    if (v.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var e in v.EnumerateArray())
                        {
                            if (e.ValueKind == JsonValueKind.String) webhook.Events.Add(e.GetString()!);
                            else if (e.ValueKind != JsonValueKind.Null) wrongField($"{which}: an entry of 'events' is {Kind(e)}, not a name; it is skipped.");
                        }
                    }
                    else if (v.ValueKind != JsonValueKind.Null)
                    {
                        Wrong("events", v, "a list");
                    }
                    break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{which} has no id.");
        webhook.Id = id!;
        webhook.CreatedAt = ParseDate(createdAt ?? createAt);
        webhook.UpdatedAt = ParseDate(updatedAt);
        webhook.LastTriggeredAt = ParseDate(lastTriggeredAt);
        return webhook;
    }

    private static string? Text(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Null) wrong();
        return null;
    }

    internal static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime : null;
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "something else",
    };
}
