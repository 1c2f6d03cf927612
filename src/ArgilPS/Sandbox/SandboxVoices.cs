using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>
/// The voice endpoints of the emulated API (argil-api.md §4): GET /voices, GET /voices/{id},
/// POST /voices (clone from audio) and POST /voices/sync. Their routes, the voice's wire shape, and
/// the body rules as the reference documents them.
/// </summary>
internal sealed class SandboxVoices : ISandboxResource
{
    /// <summary>§4.1 VoiceLanguage.</summary>
    private static readonly string[] Languages =
        { "ENGLISH", "SPANISH", "FRENCH", "PORTUGUESE", "BRAZILIAN_PORTUGUESE", "GERMAN", "RUSSIAN", "HINDI", "CHINESE", "DUTCH", "ARABIC" };

    /// <summary>§4.1 VoiceGender.</summary>
    private static readonly string[] Genders = { "MALE", "FEMALE" };

    /// <summary>
    /// §4.4 modelId. The reference lists the documented models under "modelId values" without
    /// saying whether the API takes others; the sandbox reads the list as the schema's enum and
    /// refuses any other model with a 400, so a script can see what a refused model looks like.
    /// </summary>
    private static readonly string[] Models =
    {
        "eleven_v3", "eleven_multilingual_v2", "eleven_multilingual_v1", "eleven_monolingual_v1", "eleven_turbo_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5",
        "speech-2.8-hd", "speech-2.8-turbo", "speech-2.6-hd", "speech-2.6-turbo", "speech-2.5-hd-preview", "speech-2.5-turbo-preview", "speech-02-hd", "speech-02-turbo",
    };

    /// <summary>
    /// §4.4 emotion: "Default "auto". Values: happy, sad, angry, fearful, disgusted, surprised,
    /// neutral". The default is a value the field takes, so "auto" is accepted too.
    /// </summary>
    private static readonly string[] Emotions = { "auto", "happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral" };

    /// <summary>§4.5 providerName.</summary>
    private static readonly string[] Providers = { "ELEVEN_LABS", "MINIMAX" };

    /// <summary>
    /// The provider connections of the sandbox's workspace: one ElevenLabs account. §4.5 says a
    /// workspace must have at least one provider connected; which ones are is set in Argil's
    /// dashboard, so the sandbox fixes it. Syncing MINIMAX, which is not connected, is answered
    /// 400 with the documented Error body (the reference documents no status for it; 400 is the
    /// one it documents for a request the API will not carry out).
    /// </summary>
    public static readonly (string Id, string Provider, string? ConnectionName)[] Connections =
    {
        ("00000000-0000-4000-8000-200000000001", "ELEVEN_LABS", "Sandbox ElevenLabs account"),
    };

    /// <summary>The voice each connected provider's sync imports into the workspace (private), once.</summary>
    private const string ImportedVoiceId = "00000000-0000-4000-8000-200000000101";

    /// <summary>§4.4: a new voice "is available immediately after creation", IDLE; nothing moves on the clock.</summary>
    private static readonly SandboxLifecycle Ready = new("IDLE", Array.Empty<SandboxStage>(), new[] { "IDLE" });

    private readonly SandboxOptions _options;
    private readonly SandboxCollection<Voice> _voices;

    public SandboxVoices(SandboxOptions options, Func<DateTime> now)
    {
        _options = options;
        _voices = new SandboxCollection<Voice>(now);
        SeedPublicVoices(now() - TimeSpan.FromDays(120));
    }

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/voices", call => List(call.Query))
        .Map("POST", "/voices", call => Create(call.Body))
        .Map("GET", "/voices/{id}", call => Get(call["id"]))
        .Map("POST", "/voices/sync", call => Sync(call.Body));

    private sealed class Voice : SandboxItem
    {
        public Voice() : base(Ready) { }

        public string Name { get; set; } = "";
        public string? Language { get; set; }
        public string? Gender { get; set; }
        public bool IsPublic { get; set; }
        public string? ModelId { get; set; }
    }

    /// <summary>Argil's public voices: several languages, both genders, and one with neither (§4.1 allows null).</summary>
    private void SeedPublicVoices(DateTime created)
    {
        (string name, string? language, string? gender)[] seeds =
        {
            ("Sandbox Emma", "ENGLISH", "FEMALE"),
            ("Sandbox James", "ENGLISH", "MALE"),
            ("Sandbox Camille", "FRENCH", "FEMALE"),
            ("Sandbox Mateo", "SPANISH", "MALE"),
            ("Sandbox Hannah", "GERMAN", "FEMALE"),
            ("Sandbox Narrator", null, null),
        };
        var i = 0;
        foreach (var s in seeds)
        {
            _voices.Add(new Voice
            {
                Id = $"00000000-0000-4000-8000-10000000000{++i}", CreatedAt = created,
                Name = s.name, Language = s.language, Gender = s.gender, IsPublic = true,
            });
        }
    }

    /// <summary>GET /voices (§4.2): a bare array, filtered by language, gender and visibility; a value outside an enum is 400.</summary>
    public SandboxAnswer List(IReadOnlyDictionary<string, string> query)
    {
        string? language = null, gender = null, visibility = null;
        var problem = SandboxRules.Enum(query, "language", out language, Languages)
            ?? SandboxRules.Enum(query, "gender", out gender, Genders)
            ?? SandboxRules.Enum(query, "visibility", out visibility, "public", "private");
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        var selected = _voices.Select((v, _) =>
            (language is null || v.Language == language)
            && (gender is null || v.Gender == gender)
            && (visibility is null || (visibility == "public") == v.IsPublic));
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartArray();
            foreach (var (voice, progress) in selected) Write(json, voice, progress);
            json.WriteEndArray();
        });
    }

    /// <summary>GET /voices/{id} (§4.3): the voice, or 404 "Voice not found".</summary>
    public SandboxAnswer Get(string id)
    {
        var voice = _voices.Find(id);
        if (voice is null) return SandboxAnswer.Error(404, "Voice not found");
        var progress = _voices.ProgressOf(voice);
        return SandboxAnswer.Json(200, json => Write(json, voice, progress));
    }

    /// <summary>
    /// POST /voices (§4.4), read as a schema with additionalProperties: false (as the reference's
    /// other bodies are): name 1–256 and audioUrl (^https://) required; modelId one of the
    /// documented models; voiceStability, voiceSimilarity and voiceStyle numbers 0–1; voiceSpeed a
    /// number 0.7–1.2; speakerBoost a boolean; languageBoost a non-empty string (its enum was not
    /// seen); emotion one of the documented values. The status code was not seen ("201 likely"):
    /// the sandbox answers 201, as POST /avatars does, with the new voice, private and IDLE. Its
    /// language and gender are null: nothing in the body says them. What only the audio could tell
    /// (format, 30 s to 4 min) is not checked: the sandbox fetches nothing.
    /// </summary>
    public SandboxAnswer Create(string body)
    {
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            var root = document!.RootElement;
            string? name = null, audioUrl = null, model = null;
            problem = SandboxRules.OnlyProperties(root, null, "name", "audioUrl", "modelId", "voiceStability", "voiceSimilarity", "voiceStyle",
                    "voiceSpeed", "speakerBoost", "languageBoost", "emotion")
                ?? SandboxRules.String(root, "name", required: true, 1, 256, out name)
                ?? SandboxRules.String(root, "audioUrl", required: true, 0, int.MaxValue, out audioUrl)
                ?? (audioUrl is null ? null : SandboxRules.HttpsUri(audioUrl, "audioUrl"))
                ?? OneOf(root, "modelId", Models, out model)
                ?? Number(root, "voiceStability", 0, 1)
                ?? Number(root, "voiceSimilarity", 0, 1)
                ?? Number(root, "voiceStyle", 0, 1)
                ?? Number(root, "voiceSpeed", 0.7, 1.2)
                ?? Boolean(root, "speakerBoost")
                ?? SandboxRules.String(root, "languageBoost", required: false, 1, 256, out _)
                ?? OneOf(root, "emotion", Emotions, out _);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            var voice = _voices.Add(new Voice { Name = name!, ModelId = model });
            var progress = _voices.ProgressOf(voice);
            return SandboxAnswer.Json(201, json => Write(json, voice, progress));
        }
    }

    /// <summary>
    /// POST /voices/sync (§4.5): an optional body <c>{providerName}</c> (an empty body or <c>{}</c>
    /// syncs every connected provider); answers 200 ("200 likely") with the connections synced,
    /// each SYNCING. A provider that is not connected is 400 (see <see cref="Connections"/>). The
    /// first sync of a provider imports its voice into the workspace, where GET /voices lists it.
    /// </summary>
    public SandboxAnswer Sync(string body)
    {
        string? provider = null;
        if (body.Trim().Length > 0)
        {
            var problem = SandboxRules.ReadObject(body, out var document);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            using (document)
            {
                var root = document!.RootElement;
                problem = SandboxRules.OnlyProperties(root, null, "providerName") ?? OneOf(root, "providerName", Providers, out provider);
                if (problem is not null) return SandboxAnswer.Invalid(problem);
            }
        }
        var synced = Connections.Where(c => provider is null || c.Provider == provider).ToList();
        if (synced.Count == 0) return SandboxAnswer.Invalid($"no {provider} voice provider is connected to this workspace; connect one in the Argil dashboard");
        if (_voices.Find(ImportedVoiceId) is null)
        {
            try
            {
                _voices.Add(new Voice { Id = ImportedVoiceId, Name = "Sandbox ElevenLabs import", Language = "ENGLISH", Gender = "MALE" });
            }
            catch (InvalidOperationException)
            {
                // Imported by a sync running at the same moment.
            }
        }
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartArray();
            foreach (var c in synced)
            {
                json.WriteStartObject();
                json.WriteString("id", c.Id);
                json.WriteString("providerName", c.Provider);
                if (c.ConnectionName is null) json.WriteNull("connectionName");
                else json.WriteString("connectionName", c.ConnectionName);
                json.WriteString("syncStatus", "SYNCING");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>An optional string property that is one of <paramref name="values"/> (an enum: exact spelling).</summary>
    private static string? OneOf(JsonElement obj, string name, string[] values, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return null;
        if (property.ValueKind != JsonValueKind.String) return $"{name} must be a string";
        var text = property.GetString()!;
        if (!values.Contains(text)) return $"{name} must be one of {string.Join(", ", values)}";
        value = text;
        return null;
    }

    /// <summary>An optional number property with a minimum and a maximum (both included).</summary>
    private static string? Number(JsonElement obj, string name, double minimum, double maximum)
    {
        if (!obj.TryGetProperty(name, out var property)) return null;
        if (property.ValueKind != JsonValueKind.Number || !property.TryGetDouble(out var number)) return $"{name} must be a number";
        return number < minimum || number > maximum
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} must be between {1:0.0} and {2:0.0}", name, minimum, maximum)
            : null;
    }

    /// <summary>An optional boolean property.</summary>
    private static string? Boolean(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var property)) return null;
        return property.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{name} must be a boolean";
    }

    /// <summary>The Voice object of §4.1; language and gender are null when unknown.</summary>
    private void Write(Utf8JsonWriter json, Voice v, SandboxProgress progress)
    {
        json.WriteStartObject();
        json.WriteString("id", v.Id);
        json.WriteString("name", v.Name);
        // Open question §10.1: older snapshots spell it createAt; the sandbox says createdAt unless told otherwise.
        json.WriteString(_options.LegacyTimestampSpelling ? "createAt" : "createdAt", SandboxJson.Iso(v.CreatedAt));
        json.WriteString("updatedAt", SandboxJson.Iso(progress.Since));
        json.WriteString("status", progress.Status);
        json.WriteString("sampleUrl", $"https://sandbox.argil.invalid/voices/{v.Id}/sample.mp3");
        if (v.Language is null) json.WriteNull("language");
        else json.WriteString("language", v.Language);
        if (v.Gender is null) json.WriteNull("gender");
        else json.WriteString("gender", v.Gender);
        json.WriteEndObject();
    }
}
