using System;
using System.Collections.Generic;
using System.Text.Json;

using ArgilPS.Core;

namespace ArgilPS.Webhooks;

/// <summary>
/// From what the API sent to <see cref="Webhook"/>: lenient, as for avatars. Unknown fields are
/// ignored, unknown event names kept, <c>createAt</c> read when <c>createdAt</c> is absent, and a
/// field of the wrong type is read as unknown with a debug line naming it.
/// </summary>
internal static class WebhookMapper
{
    /// <summary>One webhook from a body; null for a JSON null; a JsonException or FormatException for anything else.</summary>
    public static Webhook? ReadWebhook(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, JsonFields.DocumentOptions);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not a webhook object.");
        return ToWebhook(root, new JsonFields("webhook", 0, wrongField));
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of the streamed bare array of GET /webhooks: null for a
    /// JSON null, a FormatException for an entry that is not an object. Nothing of the element is kept.
    /// </summary>
    public static Webhook? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not a webhook.");
        return ToWebhook(item, new JsonFields("webhook", index, wrongField));
    }

    private enum Field { Id, CallbackUrl, CreatedAt, CreateAt, UpdatedAt, LastTriggeredAt, Events }

    private static readonly JsonKeys<Field> Keys = JsonKeys<Field>.Instance;

    private static Webhook ToWebhook(JsonElement element, JsonFields fields)
    {
        var webhook = new Webhook();
        string? id = null;
        DateTime? createdAt = null, createAt = null;
        foreach (var p in element.EnumerateObject())
        {
            if (!Keys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case Field.Id: id = fields.Text(v, "id"); break;
                case Field.CallbackUrl: webhook.CallbackUrl = fields.Text(v, "callbackUrl") ?? ""; break;
                case Field.CreatedAt: createdAt = fields.Date(v, "createdAt"); break;
                case Field.CreateAt: createAt = fields.Date(v, "createAt"); break;
                case Field.UpdatedAt: webhook.UpdatedAt = fields.Date(v, "updatedAt"); break;
                case Field.LastTriggeredAt: webhook.LastTriggeredAt = fields.Date(v, "lastTriggeredAt"); break;
                case Field.Events:
                    if (v.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var e in v.EnumerateArray())
                        {
                            if (e.ValueKind == JsonValueKind.String) webhook.Events.Add(e.GetString()!);
                            else if (e.ValueKind != JsonValueKind.Null) fields.Say($"an entry of 'events' is {Kind(e)}, not a name; it is skipped.");
                        }
                    }
                    else if (v.ValueKind != JsonValueKind.Null)
                    {
                        fields.Wrong("events", v, "a list");
                    }
                    break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        webhook.Id = id!;
        webhook.CreatedAt = createdAt ?? createAt;
        return webhook;
    }

    /// <summary>What a value is, for the event reader's messages ("the body is text, not a JSON object").</summary>
    internal static string Kind(JsonElement value) => value.ValueKind == JsonValueKind.String ? "text" : JsonFields.Kind(value);
}
