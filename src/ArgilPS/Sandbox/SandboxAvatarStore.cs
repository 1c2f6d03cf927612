using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArgilPS.Avatars;
using ArgilPS.Commands;

namespace ArgilPS.Sandbox;

/// <summary>A response the emulated API gives: status and JSON body.</summary>
internal readonly struct SandboxAnswer
{
    public SandboxAnswer(int status, string body)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public string Body { get; }

    public static SandboxAnswer Error(int status, string message) => new(status, ErrorJson(status, message));

    public static string ErrorJson(int status, string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("code", status);
            json.WriteString("message", message);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>
/// The avatars of the sandbox and the rules of the avatar endpoints, as Argil documents them.
/// An avatar's status is worked out from the clock when it is read, so it moves on a schedule.
/// </summary>
internal sealed class SandboxAvatarStore
{
    /// <summary>The extras key that decides how a sandbox avatar's training ends.</summary>
    public const string OutcomeExtra = "sandbox-outcome";

    private static readonly string[] Orientations = { "ASPECT_RATIO_16_9", "ASPECT_RATIO_9_16" };
    private static readonly string[] Models = { "ARGIL_V1", "ARGIL_ATOM" };
    private static readonly string[] Outcomes = { "IDLE", "TRAINING_FAILED", "REFUSED", "TRAINING" };
    private static readonly Regex Base64Image = new("^data:image/(png|jpeg|jpg|webp);base64,", RegexOptions.CultureInvariant);

    private readonly object _gate = new();
    private readonly List<Entry> _avatars = new();
    private readonly SandboxOptions _options;
    private readonly Func<DateTime> _now;

    public SandboxAvatarStore(SandboxOptions options, Func<DateTime> now)
    {
        _options = options;
        _now = now;
        SeedPublicAvatars();
    }

    private sealed class Entry
    {
        public string Id = Guid.NewGuid().ToString();
        public string Name = "";
        public string? ActorName;
        public bool IsPublic;
        public bool VideoMode;
        public DateTime CreatedAt;
        public DateTime UpdatedAt;
        public string Outcome = "IDLE";
        public string? ForcedStatus;
        public int Width = 1920, Height = 1080;
        public string Model = "ARGIL_ATOM";
        public string? VoiceId;
        public Dictionary<string, string> Extras = new(StringComparer.Ordinal);
        public bool WithGestures;
    }

    private void SeedPublicAvatars()
    {
        var created = _now() - TimeSpan.FromDays(90);
        (string name, string actor, int w, int h, string model)[] seeds =
        {
            ("Sandbox Studio Host", "Léa", 1920, 1080, "ARGIL_V1"),
            ("Sandbox Street Reporter", "Malik", 1080, 1920, "ARGIL_V1"),
            ("Sandbox Atom Presenter", "Nora", 3840, 2160, "ARGIL_ATOM"),
        };
        var i = 0;
        foreach (var s in seeds)
        {
            _avatars.Add(new Entry
            {
                Id = $"00000000-0000-4000-8000-00000000000{++i}",
                Name = s.name, ActorName = s.actor, IsPublic = true, CreatedAt = created, UpdatedAt = created,
                Width = s.w, Height = s.h, Model = s.model, WithGestures = true,
            });
        }
    }

    public SandboxAnswer List(IReadOnlyDictionary<string, string> query)
    {
        query.TryGetValue("orientation", out var orientation);
        query.TryGetValue("model", out var model);
        query.TryGetValue("visibility", out var visibility);
        if (orientation is not null && !Orientations.Contains(orientation))
            return SandboxAnswer.Error(400, $"Validation error: orientation must be one of {string.Join(", ", Orientations)}");
        if (model is not null && !Models.Contains(model))
            return SandboxAnswer.Error(400, $"Validation error: model must be one of {string.Join(", ", Models)}");
        if (visibility is not null && visibility != "public" && visibility != "private")
            return SandboxAnswer.Error(400, "Validation error: visibility must be public or private");
        lock (_gate)
        {
            var selected = _avatars.Where(a =>
                (orientation is null || OrientationOf(a) == orientation)
                && (model is null || a.Model == model)
                && (visibility is null || (visibility == "public") == a.IsPublic)).ToList();
            return new SandboxAnswer(200, Write(json =>
            {
                json.WriteStartArray();
                foreach (var a in selected) WriteAvatar(json, a);
                json.WriteEndArray();
            }));
        }
    }

    public SandboxAnswer Get(string id)
    {
        lock (_gate)
        {
            var avatar = _avatars.FirstOrDefault(a => a.Id == id);
            return avatar is null ? SandboxAnswer.Error(404, "Avatar not found") : new SandboxAnswer(200, Write(json => WriteAvatar(json, avatar)));
        }
    }

    public SandboxAnswer Create(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return SandboxAnswer.Error(400, "Validation error: the body is not valid JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return SandboxAnswer.Error(400, "Validation error: the body must be a JSON object");
            var entry = new Entry { CreatedAt = _now() };
            entry.UpdatedAt = entry.CreatedAt;
            var isImage = root.TryGetProperty("type", out var type);
            string? problem = isImage ? ReadImageMode(root, type, entry) : ReadVideoMode(root, entry);
            if (problem is not null) return SandboxAnswer.Error(400, "Validation error: " + problem);
            if (entry.Extras.TryGetValue(OutcomeExtra, out var outcome))
            {
                if (!Outcomes.Contains(outcome))
                    return SandboxAnswer.Error(400, $"Validation error: the sandbox knows the {OutcomeExtra} values {string.Join(", ", Outcomes)}");
                entry.Outcome = outcome;
            }
            lock (_gate) _avatars.Add(entry);
            return new SandboxAnswer(201, Write(json => WriteAvatar(json, entry)));
        }
    }

    /// <summary>Forces an avatar's status from now on (for tests), or null to return to the schedule.</summary>
    public bool ForceStatus(string id, string? status)
    {
        lock (_gate)
        {
            var avatar = _avatars.FirstOrDefault(a => a.Id == id);
            if (avatar is null) return false;
            avatar.ForcedStatus = status;
            avatar.UpdatedAt = _now();
            return true;
        }
    }

    private string? ReadImageMode(JsonElement root, JsonElement type, Entry entry)
    {
        if (type.ValueKind != JsonValueKind.String || type.GetString() != "IMAGE") return "type must be 'IMAGE' for image-based avatars";
        var unknown = UnknownProperty(root, "type", "name", "datasetImage", "voiceId", "extras");
        if (unknown is not null) return $"property '{unknown}' is not allowed";
        var problem = ReadName(root, entry) ?? ReadExtras(root, entry);
        if (problem is not null) return problem;
        if (!root.TryGetProperty("datasetImage", out var image) || image.ValueKind != JsonValueKind.Object) return "datasetImage is required";
        var props = image.EnumerateObject().ToList();
        if (props.Count != 1 || (props[0].Name != "url" && props[0].Name != "base64") || props[0].Value.ValueKind != JsonValueKind.String)
            return "datasetImage must have exactly one of url or base64";
        var value = props[0].Value.GetString()!;
        if (props[0].Name == "url")
        {
            if (!value.StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(value, UriKind.Absolute, out _))
                return "datasetImage.url must be an https URL";
        }
        else
        {
            var match = Base64Image.Match(value);
            if (!match.Success) return "datasetImage.base64 must be a data:image/(png|jpeg|jpg|webp);base64, URI";
            byte[] bytes;
            try { bytes = Convert.FromBase64String(value.Substring(match.Length)); }
            catch (FormatException) { return "datasetImage.base64 is not valid base64"; }
            var info = ImageInspector.Inspect(bytes);
            if (info is null) return "datasetImage.base64 is not a PNG, JPEG or WEBP image";
            var rule = ImageInspector.CheckAvatarRules(info, bytes.LongLength);
            if (rule is not null) return "datasetImage: " + rule;
            entry.Width = info.Width;
            entry.Height = info.Height;
        }
        if (root.TryGetProperty("voiceId", out var voice))
        {
            if (voice.ValueKind != JsonValueKind.String || voice.GetString()!.Length == 0) return "voiceId must be a string";
            entry.VoiceId = voice.GetString();
        }
        entry.Model = "ARGIL_ATOM";
        return null;
    }

    private string? ReadVideoMode(JsonElement root, Entry entry)
    {
        var unknown = UnknownProperty(root, "name", "datasetVideo", "consentVideo", "extras");
        if (unknown is not null) return $"property '{unknown}' is not allowed";
        var problem = ReadName(root, entry) ?? ReadExtras(root, entry)
            ?? ReadVideoUrl(root, "datasetVideo", required: true) ?? ReadVideoUrl(root, "consentVideo", required: false);
        if (problem is not null) return problem;
        entry.VideoMode = true;
        entry.Model = "ARGIL_V1";
        return null;
    }

    private static string? ReadVideoUrl(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var video)) return required ? $"{name} is required" : null;
        if (video.ValueKind != JsonValueKind.Object || !video.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
            || video.EnumerateObject().Count() != 1)
            return $"{name} must be an object with a url";
        return url.GetString()!.StartsWith("https://", StringComparison.Ordinal) ? null : $"{name}.url must be an https URL";
    }

    private static string? ReadName(JsonElement root, Entry entry)
    {
        if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String) return "name is required";
        var text = name.GetString()!;
        if (text.Length is < 1 or > InputRules.MaximumNameLength) return "name must have 1 to 256 characters";
        entry.Name = text;
        return null;
    }

    private static string? ReadExtras(JsonElement root, Entry entry)
    {
        if (!root.TryGetProperty("extras", out var extras)) return null;
        if (extras.ValueKind != JsonValueKind.Object) return "extras must be an object";
        foreach (var p in extras.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) return $"extras.{p.Name} must be a string";
            if (p.Value.GetString()!.Length > InputRules.MaximumExtraValueLength) return $"extras.{p.Name} must have at most 256 characters";
            entry.Extras[p.Name] = p.Value.GetString()!;
        }
        return entry.Extras.Count > InputRules.MaximumExtras ? "extras must have at most 10 properties" : null;
    }

    private static string? UnknownProperty(JsonElement root, params string[] allowed) =>
        root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !allowed.Contains(n));

    private string StatusOf(Entry a)
    {
        if (a.ForcedStatus is not null) return a.ForcedStatus;
        if (a.IsPublic) return "IDLE";
        var age = _now() - a.CreatedAt;
        if (a.VideoMode)
        {
            if (age < _options.NotTrainedDuration) return "NOT_TRAINED";
            age -= _options.NotTrainedDuration;
        }
        return age < _options.TrainingDuration ? "TRAINING" : a.Outcome;
    }

    private DateTime UpdatedAtOf(Entry a, string status) =>
        a.ForcedStatus is null && !a.IsPublic && status != "TRAINING" && status != "NOT_TRAINED"
            ? a.CreatedAt + _options.TrainingDuration + (a.VideoMode ? _options.NotTrainedDuration : TimeSpan.Zero)
            : a.UpdatedAt;

    private static string OrientationOf(Entry a) => a.Width >= a.Height ? "ASPECT_RATIO_16_9" : "ASPECT_RATIO_9_16";

    private void WriteAvatar(Utf8JsonWriter json, Entry a)
    {
        var status = StatusOf(a);
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        json.WriteString("name", a.Name);
        if (a.ActorName is not null) json.WriteString("actorName", a.ActorName);
        json.WriteString(_options.LegacyTimestampSpelling ? "createAt" : "createdAt", Iso(a.CreatedAt));
        json.WriteString("updatedAt", Iso(UpdatedAtOf(a, status)));
        json.WriteStartArray("gestures");
        if (a.WithGestures || status == "IDLE")
        {
            WriteGesture(json, "Wave", "wave", 0);
            WriteGesture(json, "Point right", "point-right", 120);
        }
        json.WriteEndArray();
        json.WriteString("status", status);
        json.WriteNumber("width", a.Width);
        json.WriteNumber("height", a.Height);
        json.WriteString("thumbnailUrl", $"https://sandbox.argil.invalid/avatars/{a.Id}/thumbnail.jpg");
        json.WriteString("coverImageUrl", $"https://sandbox.argil.invalid/avatars/{a.Id}/cover.jpg");
        json.WriteStartObject("extras");
        foreach (var pair in a.Extras) json.WriteString(pair.Key, pair.Value);
        json.WriteEndObject();
        json.WriteString("orientation", OrientationOf(a));
        json.WriteString("model", a.Model);
        json.WriteEndObject();
    }

    private static void WriteGesture(Utf8JsonWriter json, string label, string slug, int frame)
    {
        json.WriteStartObject();
        json.WriteString("label", label);
        json.WriteString("slug", slug);
        json.WriteNumber("startFrame", frame);
        json.WriteEndObject();
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
