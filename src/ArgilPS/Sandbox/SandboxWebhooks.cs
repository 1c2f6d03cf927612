using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>
/// The webhook endpoints of the emulated API (argil-api.md §8): GET /webhooks (a bare array),
/// POST /webhooks (201), PUT /webhooks/{id} (200), DELETE /webhooks/{id} (204, no body), with the
/// rules the reference gives their bodies; and the delivery of events (§8.6) to the webhooks
/// subscribed to them, through <see cref="SandboxDeliveries"/>.
/// </summary>
internal sealed class SandboxWebhooks : ISandboxResource
{
    /// <summary>WebhookEventSchema (§8.1): the four events a webhook may subscribe to.</summary>
    public static readonly string[] EventNames = { "AVATAR_TRAINING_SUCCESS", "AVATAR_TRAINING_FAILED", "VIDEO_GENERATION_SUCCESS", "VIDEO_GENERATION_FAILED" };

    private readonly SandboxOptions _options;
    private readonly Func<DateTime> _now;
    private readonly SandboxDeliveries _deliveries;
    private readonly object _gate = new();
    private readonly List<Hook> _hooks = new();

    public SandboxWebhooks(SandboxOptions options, Func<DateTime> now, SandboxDeliveries deliveries)
    {
        _options = options;
        _now = now;
        _deliveries = deliveries;
    }

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/webhooks", _ => List())
        .Map("POST", "/webhooks", call => Create(call.Body))
        .Map("PUT", "/webhooks/{id}", call => Update(call["id"], call.Body))
        .Map("DELETE", "/webhooks/{id}", call => Delete(call["id"]));

    private sealed class Hook
    {
        public string Id { get; } = Guid.NewGuid().ToString();
        public string CallbackUrl { get; set; } = "";
        public List<string> Events { get; set; } = new();
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public DateTime? LastTriggeredAt { get; set; }
    }

    /// <summary>GET /webhooks (§8.2): a bare array of every webhook, oldest first.</summary>
    public SandboxAnswer List()
    {
        lock (_gate)
        {
            return SandboxAnswer.Json(200, json =>
            {
                json.WriteStartArray();
                foreach (var hook in _hooks) Write(json, hook);
                json.WriteEndArray();
            });
        }
    }

    /// <summary>POST /webhooks (§8.3): callbackUrl and events required, nothing else; 201 with the webhook.</summary>
    public SandboxAnswer Create(string body)
    {
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            var root = document!.RootElement;
            string? url = null;
            List<string>? events = null;
            problem = SandboxRules.OnlyProperties(root, null, "callbackUrl", "events")
                ?? CallbackUrl(root, required: true, out url)
                ?? Events(root, required: true, out events);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            var now = _now();
            var hook = new Hook { CallbackUrl = url!, Events = events!, CreatedAt = now, UpdatedAt = now };
            lock (_gate)
            {
                _hooks.Add(hook);
                return SandboxAnswer.Json(201, json => Write(json, hook));
            }
        }
    }

    /// <summary>PUT /webhooks/{id} (§8.4): a body is required, both fields optional, nothing else; 200, or 404 "Webhook not found".</summary>
    public SandboxAnswer Update(string id, string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return SandboxAnswer.Invalid("a request body is required");
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            var root = document!.RootElement;
            string? url = null;
            List<string>? events = null;
            problem = SandboxRules.OnlyProperties(root, null, "callbackUrl", "events")
                ?? CallbackUrl(root, required: false, out url)
                ?? Events(root, required: false, out events);
            lock (_gate)
            {
                // Which is answered first, 404 or 400, is not documented: an unknown id is 404 whatever the body.
                var hook = _hooks.FirstOrDefault(h => h.Id == id);
                if (hook is null) return SandboxAnswer.Error(404, "Webhook not found");
                if (problem is not null) return SandboxAnswer.Invalid(problem);
                if (url is not null) hook.CallbackUrl = url;
                if (events is not null) hook.Events = events;
                hook.UpdatedAt = _now();
                return SandboxAnswer.Json(200, json => Write(json, hook));
            }
        }
    }

    /// <summary>DELETE /webhooks/{id} (§8.5): 204 without a body, or 404 "Webhook not found".</summary>
    public SandboxAnswer Delete(string id)
    {
        lock (_gate)
        {
            var removed = _hooks.RemoveAll(h => h.Id == id);
            return removed == 0 ? SandboxAnswer.Error(404, "Webhook not found") : new SandboxAnswer(204, "");
        }
    }

    /// <summary>
    /// Delivers an event (§8.6: <c>{ "event": ..., "data": {...} }</c>) to every webhook subscribed to
    /// it, and once to <paramref name="oneShotUrl"/> (a render's callbackUrl) when given; each
    /// subscribed webhook's lastTriggeredAt becomes now. The POSTs are made in the background.
    /// Returns how many addresses were queued.
    /// </summary>
    public int Publish(string eventName, IReadOnlyDictionary<string, object?> data, string? oneShotUrl = null)
    {
        var body = SandboxJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("event", eventName);
            json.WritePropertyName("data");
            WriteValue(json, data, 0);
            json.WriteEndObject();
        });
        List<(string Id, string Url)> targets;
        lock (_gate)
        {
            var now = _now();
            var subscribed = _hooks.Where(h => h.Events.Contains(eventName)).ToList();
            foreach (var hook in subscribed) hook.LastTriggeredAt = now;
            targets = subscribed.Select(h => (h.Id, h.CallbackUrl)).ToList();
        }
        foreach (var (hookId, url) in targets) _deliveries.Enqueue(eventName, url, body, hookId);
        if (!string.IsNullOrEmpty(oneShotUrl)) _deliveries.Enqueue(eventName, oneShotUrl!, body, null);
        return targets.Count + (string.IsNullOrEmpty(oneShotUrl) ? 0 : 1);
    }

    /// <summary>Strings, numbers, booleans, null, dictionaries (objects) and lists (arrays), as JSON.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value, int depth)
    {
        if (depth > 16) throw new ArgumentException("An event's data nests too deeply.");
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int or long or short or byte: json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal: json.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case DateTime time: json.WriteStringValue(SandboxJson.Iso(time)); break;
            case IEnumerable<KeyValuePair<string, string>> texts:
                json.WriteStartObject();
                foreach (var pair in texts) json.WriteString(pair.Key, pair.Value);
                json.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> obj:
                json.WriteStartObject();
                foreach (var pair in obj)
                {
                    json.WritePropertyName(pair.Key);
                    WriteValue(json, pair.Value, depth + 1);
                }
                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list) WriteValue(json, item, depth + 1);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>
    /// callbackUrl: a string, "URL to which the webhook will send POST requests" (§8.3). The reference
    /// does not require https here (§5.7 does for a render's callbackUrl); the sandbox asks for https
    /// as the render does, and takes http:// for a loopback address, the only receiver a sandbox on
    /// this machine can test against.
    /// </summary>
    private static string? CallbackUrl(JsonElement root, bool required, out string? url)
    {
        url = null;
        if (!root.TryGetProperty("callbackUrl", out var value)) return required ? "callbackUrl is required" : null;
        if (value.ValueKind != JsonValueKind.String) return "callbackUrl must be a string";
        var text = value.GetString()!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return "callbackUrl must be an absolute URL";
        var problem = SandboxRules.CallbackUri(text, "callbackUrl");
        if (problem is null) url = text;
        return problem;
    }

    /// <summary>events: WebhookEventSchema, an array of the four names, minItems 1 (§8.1).</summary>
    private static string? Events(JsonElement root, bool required, out List<string>? events)
    {
        events = null;
        if (!root.TryGetProperty("events", out var value)) return required ? "events is required" : null;
        if (value.ValueKind != JsonValueKind.Array) return "events must be an array";
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !EventNames.Contains(item.GetString()))
                return $"events must contain only {string.Join(", ", EventNames)}";
            list.Add(item.GetString()!);
        }
        if (list.Count == 0) return "events must have at least 1 item";
        events = list;
        return null;
    }

    /// <summary>The Webhook object of §8.1.</summary>
    private void Write(Utf8JsonWriter json, Hook hook)
    {
        json.WriteStartObject();
        json.WriteString("id", hook.Id);
        json.WriteString("callbackUrl", hook.CallbackUrl);
        json.WriteStartArray("events");
        foreach (var e in hook.Events) json.WriteStringValue(e);
        json.WriteEndArray();
        // Open question §10.1: older snapshots spell it createAt.
        json.WriteString(_options.LegacyTimestampSpelling ? "createAt" : "createdAt", SandboxJson.Iso(hook.CreatedAt));
        json.WriteString("updatedAt", SandboxJson.Iso(hook.UpdatedAt));
        if (hook.LastTriggeredAt is { } triggered) json.WriteString("lastTriggeredAt", SandboxJson.Iso(triggered));
        else json.WriteNull("lastTriggeredAt");
        json.WriteEndObject();
    }
}
