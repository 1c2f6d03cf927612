using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Webhooks;

/// <summary>
/// The body of POST /webhooks and PUT /webhooks/{id} (argil-api.md §8.3, §8.4; both
/// additionalProperties: false): only what was given, never a null key.
/// </summary>
internal sealed class WebhookRequest
{
    public string? CallbackUrl { get; set; }

    /// <summary>The events, each once, in the order first given.</summary>
    public IReadOnlyList<string>? Events { get; set; }

    public bool IsEmpty => CallbackUrl is null && Events is null;

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (CallbackUrl is not null) json.WriteString("callbackUrl", CallbackUrl);
            if (Events is not null)
            {
                json.WriteStartArray("events");
                foreach (var e in Events) json.WriteStringValue(e);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
