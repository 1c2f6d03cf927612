using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>
/// The avatar endpoints of the emulated API (argil-api.md §3): GET /avatars, GET /avatars/{id},
/// POST /avatars in image mode and in (deprecated) video mode. Their routes, the avatar's wire
/// shape, and the body rules as the reference documents them.
/// </summary>
internal sealed class SandboxAvatars : ISandboxResource
{
    /// <summary>The extras key that decides how a sandbox avatar's training ends.</summary>
    public const string OutcomeExtra = SandboxLifecycle.OutcomeExtra;

    private static readonly string[] Orientations = { "ASPECT_RATIO_16_9", "ASPECT_RATIO_9_16" };
    private static readonly string[] Models = { "ARGIL_V1", "ARGIL_ATOM" };

    /// <summary>§3.4 (a): "For IMAGE mode avatars, [TRAINING] is the initial status after creation", IDLE "within 30 seconds".</summary>
    private readonly SandboxLifecycle _imageMode;

    /// <summary>§3.4 (b): "created with 'NOT_TRAINED' status and will transition to 'TRAINING' then 'IDLE'".</summary>
    private readonly SandboxLifecycle _videoMode;

    /// <summary>Argil's public avatars are ready from the start.</summary>
    private static readonly SandboxLifecycle Ready = new("IDLE", Array.Empty<SandboxStage>(), new[] { "IDLE" });

    private readonly SandboxOptions _options;
    private readonly SandboxCollection<Avatar> _avatars;

    public SandboxAvatars(SandboxOptions options, Func<DateTime> now)
    {
        _options = options;
        _avatars = new SandboxCollection<Avatar>(now);
        // The outcomes a test may choose; "TRAINING" is a training that never ends.
        var outcomes = new[] { "IDLE", "TRAINING_FAILED", "REFUSED", "TRAINING" };
        var training = new SandboxStage("TRAINING", () => _options.TrainingDuration);
        _imageMode = new SandboxLifecycle("TRAINING", new[] { training }, outcomes);
        _videoMode = new SandboxLifecycle("NOT_TRAINED", new[] { new SandboxStage("NOT_TRAINED", () => _options.NotTrainedDuration), training }, outcomes);
        SeedPublicAvatars(now() - TimeSpan.FromDays(90));
    }

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/avatars", call => List(call.Query))
        .Map("POST", "/avatars", call => Create(call.Body))
        .Map("GET", "/avatars/{id}", call => Get(call["id"]));

    private sealed class Avatar : SandboxItem
    {
        public Avatar(SandboxLifecycle lifecycle) : base(lifecycle) { }

        public string Name { get; set; } = "";
        public string? ActorName { get; set; }
        public bool IsPublic { get; set; }
        public int Width { get; set; } = 1920;
        public int Height { get; set; } = 1080;
        public string Model { get; set; } = "ARGIL_ATOM";
        public string? VoiceId { get; set; }
        public Dictionary<string, string> Extras { get; } = new(StringComparer.Ordinal);
        public bool WithGestures { get; set; }
        public string Orientation => Width >= Height ? "ASPECT_RATIO_16_9" : "ASPECT_RATIO_9_16";
    }

    private void SeedPublicAvatars(DateTime created)
    {
        (string name, string actor, int w, int h, string model)[] seeds =
        {
            ("Sandbox Studio Host", "Léa", 1920, 1080, "ARGIL_V1"),
            ("Sandbox Street Reporter", "Malik", 1080, 1920, "ARGIL_V1"),
            ("Sandbox Atom Presenter", "Nora", 3840, 2160, "ARGIL_ATOM"),
        };
        var i = 0;
        foreach (var s in seeds)
        {
            _avatars.Add(new Avatar(Ready)
            {
                Id = $"00000000-0000-4000-8000-00000000000{++i}", CreatedAt = created,
                Name = s.name, ActorName = s.actor, IsPublic = true, Width = s.w, Height = s.h, Model = s.model, WithGestures = true,
            });
        }
    }

    /// <summary>GET /avatars (§3.2): a bare array, filtered by orientation, model and visibility.</summary>
    public SandboxAnswer List(IReadOnlyDictionary<string, string> query)
    {
        string? orientation = null, model = null, visibility = null;
        var problem = SandboxRules.Enum(query, "orientation", out orientation, Orientations)
            ?? SandboxRules.Enum(query, "model", out model, Models)
            ?? SandboxRules.Enum(query, "visibility", out visibility, "public", "private");
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        var selected = _avatars.Select((a, _) =>
            (orientation is null || a.Orientation == orientation)
            && (model is null || a.Model == model)
            && (visibility is null || (visibility == "public") == a.IsPublic));
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartArray();
            foreach (var (avatar, progress) in selected) Write(json, avatar, progress);
            json.WriteEndArray();
        });
    }

    /// <summary>GET /avatars/{id} (§3.3): the avatar, or 404 "Avatar not found".</summary>
    public SandboxAnswer Get(string id)
    {
        var avatar = _avatars.Find(id);
        if (avatar is null) return SandboxAnswer.Error(404, "Avatar not found");
        var progress = _avatars.ProgressOf(avatar);
        return SandboxAnswer.Json(200, json => Write(json, avatar, progress));
    }

    /// <summary>
    /// POST /avatars (§3.4): image mode when the body has <c>type</c>, video mode otherwise; 201 with
    /// the avatar, or 400 with what is wrong. Open question (end of §3.4): whether video mode now
    /// takes a <c>type: "VIDEO"</c>; the only documented value is "IMAGE", so any other is refused
    /// and video mode is the body without <c>type</c>, as in its documented schema. What only the
    /// media behind a URL could tell (video length, format, size; an image's size behind a URL) is
    /// not checked: the sandbox fetches nothing.
    /// </summary>
    public SandboxAnswer Create(string body)
    {
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            var root = document!.RootElement;
            var extras = new Dictionary<string, string>(StringComparer.Ordinal);
            Avatar? avatar = null;
            problem = root.TryGetProperty("type", out var type) ? ReadImageMode(root, type, extras, out avatar) : ReadVideoMode(root, extras, out avatar);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            problem = avatar!.Lifecycle.ChooseOutcome(extras, out var outcome);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            avatar.Outcome = outcome;
            foreach (var pair in extras) avatar.Extras[pair.Key] = pair.Value;
            _avatars.Add(avatar);
            var progress = _avatars.ProgressOf(avatar);
            return SandboxAnswer.Json(201, json => Write(json, avatar, progress));
        }
    }

    /// <summary>
    /// What a video needs of an avatar (§5.2): whether it exists (Argil's public avatars and this
    /// sandbox's own, in any status), the aspect ratio it gives a video ("default depends on used
    /// avatar") and its voice ("default is the avatar's voice").
    /// </summary>
    public bool TryDescribe(string id, out string aspectRatio, out string? voiceId)
    {
        var avatar = _avatars.Find(id);
        aspectRatio = avatar is null || avatar.Width >= avatar.Height ? "16:9" : "9:16";
        voiceId = avatar?.VoiceId;
        return avatar is not null;
    }

    /// <summary>Forces an avatar's status from now on (for tests), or null to return to the schedule.</summary>
    public bool ForceStatus(string id, string? status) => _avatars.Force(id, status);

    /// <summary>
    /// Image mode, schema AvatarCreateArgsImage (additionalProperties: false): type "IMAGE", name
    /// 1–256, datasetImage oneOf {url} | {base64}, voiceId, extras.
    /// </summary>
    private string? ReadImageMode(JsonElement root, JsonElement type, Dictionary<string, string> extras, out Avatar? avatar)
    {
        avatar = null;
        if (type.ValueKind != JsonValueKind.String || type.GetString() != "IMAGE") return "type must be 'IMAGE' for image-based avatars";
        string? name = null;
        var problem = SandboxRules.OnlyProperties(root, null, "type", "name", "datasetImage", "voiceId", "extras")
            ?? SandboxRules.String(root, "name", required: true, 1, 256, out name)
            ?? SandboxRules.Extras(root, extras);
        if (problem is not null) return problem;
        if (!root.TryGetProperty("datasetImage", out var image)) return "datasetImage is required";
        // oneOf: exactly one of the two variants, each with additionalProperties: false.
        if (image.ValueKind != JsonValueKind.Object) return "datasetImage must be an object with a url or a base64";
        var variants = image.EnumerateObject().ToList();
        if (variants.Count != 1 || (variants[0].Name != "url" && variants[0].Name != "base64"))
            return "datasetImage must have exactly one of url or base64";
        if (variants[0].Value.ValueKind != JsonValueKind.String) return $"datasetImage.{variants[0].Name} must be a string";
        var value = variants[0].Value.GetString()!;
        int width = 1920, height = 1080; // an image behind a URL is not fetched: the sandbox assumes 1920x1080
        if (variants[0].Name == "url")
        {
            problem = SandboxRules.HttpsUri(value, "datasetImage.url");
            if (problem is not null) return problem;
        }
        else
        {
            problem = SandboxImage.Read(value, "datasetImage.base64", out var inline);
            if (problem is not null) return problem;
            (width, height) = (inline!.Width, inline.Height);
        }
        // voiceId is documented as "string (uuid)"; the format is an annotation the reference does
        // not say is enforced, so any non-empty string is taken.
        string? voiceId = null;
        if (root.TryGetProperty("voiceId", out var voice))
        {
            if (voice.ValueKind != JsonValueKind.String || voice.GetString()!.Length == 0) return "voiceId must be a non-empty string";
            voiceId = voice.GetString();
        }
        avatar = new Avatar(_imageMode) { Name = name!, Width = width, Height = height, VoiceId = voiceId, Model = "ARGIL_ATOM" };
        return null;
    }

    /// <summary>
    /// Video mode (deprecated), schema AvatarCreateArgs (additionalProperties: false): name 1–256,
    /// datasetVideo {url}, consentVideo {url}, extras. Open question §10.10: the old schema requires
    /// consentVideo, the seed page leaves it optional; the sandbox takes it as optional (the newer page).
    /// </summary>
    private string? ReadVideoMode(JsonElement root, Dictionary<string, string> extras, out Avatar? avatar)
    {
        avatar = null;
        string? name = null;
        var problem = SandboxRules.OnlyProperties(root, null, "name", "datasetVideo", "consentVideo", "extras")
            ?? SandboxRules.String(root, "name", required: true, 1, 256, out name)
            ?? SandboxRules.Extras(root, extras)
            ?? SandboxRules.UrlObject(root, "datasetVideo", required: true)
            ?? SandboxRules.UrlObject(root, "consentVideo", required: false);
        if (problem is not null) return problem;
        avatar = new Avatar(_videoMode) { Name = name!, Model = "ARGIL_V1" };
        return null;
    }

    /// <summary>The Avatar object of §3.1.</summary>
    private void Write(Utf8JsonWriter json, Avatar a, SandboxProgress progress)
    {
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        json.WriteString("name", a.Name);
        if (a.ActorName is not null) json.WriteString("actorName", a.ActorName);
        // Open question §10.1: older snapshots spell it createAt; the sandbox says createdAt unless told otherwise.
        json.WriteString(_options.LegacyTimestampSpelling ? "createAt" : "createdAt", SandboxJson.Iso(a.CreatedAt));
        json.WriteString("updatedAt", SandboxJson.Iso(progress.Since));
        json.WriteStartArray("gestures");
        if (a.WithGestures || progress.Status == "IDLE")
        {
            WriteGesture(json, "Wave", "wave", 0);
            WriteGesture(json, "Point right", "point-right", 120);
        }
        json.WriteEndArray();
        json.WriteString("status", progress.Status);
        json.WriteNumber("width", a.Width);
        json.WriteNumber("height", a.Height);
        json.WriteString("thumbnailUrl", $"https://sandbox.argil.invalid/avatars/{a.Id}/thumbnail.jpg");
        json.WriteString("coverImageUrl", $"https://sandbox.argil.invalid/avatars/{a.Id}/cover.jpg");
        json.WriteStartObject("extras");
        foreach (var pair in a.Extras) json.WriteString(pair.Key, pair.Value);
        json.WriteEndObject();
        json.WriteString("orientation", a.Orientation);
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
}
