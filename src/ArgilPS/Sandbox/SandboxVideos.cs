using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArgilPS.Sandbox;

/// <summary>
/// The video endpoints of the emulated API (argil-api.md §5): POST /videos, GET /videos (the
/// <c>videos</c> envelope, page/limit), GET /videos/{id}, DELETE /videos/{id}, POST
/// /videos/{id}/render. A video waits in IDLE until it is rendered, then moves GENERATING_AUDIO →
/// GENERATING_VIDEO → DONE on the sandbox clock (§5.1, §9), and once DONE its <c>videoUrl</c> is a
/// real MP4 on the sandbox's file host (<see cref="SandboxServer.FilesUri"/>, another origin).
/// The <c>sandbox-outcome</c> extra chooses how a render ends: DONE (the default), FAILED,
/// CONTENT_MODERATED, or GENERATING_VIDEO (a render that never finishes).
/// </summary>
internal sealed class SandboxVideos : ISandboxResource
{
    /// <summary>The extras key that decides how a sandbox video's render ends.</summary>
    public const string OutcomeExtra = SandboxLifecycle.OutcomeExtra;

    private static readonly string[] AspectRatios = { "16:9", "9:16" };
    private static readonly string[] Models = { "ARGIL_V1", "ARGIL_ATOM" };
    private static readonly string[] Positions = { "Top", "Middle", "Bottom" };
    private static readonly string[] Sizes = { "Small", "Medium", "Large" };
    private static readonly string[] BrollSources = { "GENERATION", "GOOGLE_IMAGES", "STOCKS_VIDEO", "AVATAR_ACTION" };
    private static readonly string[] Intensities = { "LOW", "MEDIUM", "HIGH" };

    /// <summary>
    /// autoBrolls.layout as the documentation gives it (§5.2). The n8n node's other spellings
    /// (NORMAL, BOTTOM_LEFT, …, §10.4) are not documented and are refused.
    /// </summary>
    private static readonly string[] Layouts =
    {
        "FULLSCREEN", "AVATAR_BOTTOM_LEFT", "AVATAR_BOTTOM_RIGHT", "AVATAR_TOP_LEFT", "AVATAR_TOP_RIGHT",
        "SPLIT_AVATAR_LEFT", "SPLIT_AVATAR_RIGHT", "SPLIT_AVATAR_TOP", "SPLIT_AVATAR_BOTTOM", "BACKGROUND",
    };

    /// <summary>The statuses a render may end in, the first by default; GENERATING_VIDEO never ends.</summary>
    public static readonly IReadOnlyList<string> Outcomes = new[] { "DONE", "FAILED", "CONTENT_MODERATED", "GENERATING_VIDEO" };

    private readonly SandboxOptions _options;
    private readonly SandboxAvatars _avatars;
    private readonly Uri _files;
    private readonly SandboxCollection<Video> _videos;
    private readonly SandboxLifecycle _render;
    private readonly object _rendering = new();

    public SandboxVideos(SandboxOptions options, Func<DateTime> now, SandboxAvatars avatars, Uri files, SandboxEvents? events = null)
    {
        _options = options;
        _avatars = avatars;
        _files = files;
        _videos = new SandboxCollection<Video>(now);
        _render = new SandboxLifecycle("IDLE", new[]
        {
            new SandboxStage("GENERATING_AUDIO", () => _options.GeneratingAudioDuration),
            new SandboxStage("GENERATING_VIDEO", () => _options.GeneratingVideoDuration),
        }, Outcomes);
        // §5.7, §8.6: a render that ends (DONE, or FAILED / CONTENT_MODERATED) is announced to the
        // webhooks subscribed to it, and once to the render's own callbackUrl.
        events?.Watch(_videos, (video, progress) => events.Publish(
            progress.Status == "DONE" ? "VIDEO_GENERATION_SUCCESS" : "VIDEO_GENERATION_FAILED",
            new Dictionary<string, object?>
            {
                ["videoId"] = video.Id,
                ["videoName"] = video.Name,
                ["videoUrl"] = progress.Status == "DONE" ? FileUri($"videos/{video.Id}.mp4").AbsoluteUri : null,
                ["extras"] = new Dictionary<string, string>(video.Extras, StringComparer.Ordinal),
            },
            video.CallbackUrl));
    }

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/videos", call => List(call.Query))
        .Map("POST", "/videos", call => Create(call.Body))
        .Map("GET", "/videos/{id}", call => Get(call["id"]))
        .Map("DELETE", "/videos/{id}", call => Delete(call["id"]))
        .Map("POST", "/videos/{id}/render", call => Render(call["id"], call.Body));

    internal sealed class Moment
    {
        public string AvatarId { get; set; } = "";
        public string? Transcript { get; set; }
        public string? AudioUrl { get; set; }
        public string? VoiceId { get; set; }
        public string? GestureSlug { get; set; }
        public double? Zoom { get; set; }
        public string? BrollAssetId { get; set; }
        public double? BrollZoom { get; set; }
    }

    internal sealed class Video : SandboxItem
    {
        public Video(SandboxLifecycle lifecycle) : base(lifecycle) { }

        public string Name { get; set; } = "";
        public List<Moment> Moments { get; } = new();
        public string AspectRatio { get; set; } = "16:9";
        public bool Subtitles { get; set; }
        public string? SubtitleStyleId { get; set; }
        public string? SubtitlePosition { get; set; }
        public string? SubtitleSize { get; set; }
        public string? Model { get; set; }
        public Dictionary<string, string> Extras { get; } = new(StringComparer.Ordinal);

        /// <summary>The render's callbackUrl, when the last render gave one.</summary>
        public string? CallbackUrl { get; set; }

        /// <summary>How many times it was rendered.</summary>
        public int Renders { get; set; }
    }

    /// <summary>A stored video and its status now, for the subtitle export.</summary>
    internal (Video Video, SandboxProgress Progress)? Lookup(string id)
    {
        var video = _videos.Find(id);
        return video is null ? null : (video, _videos.ProgressOf(video));
    }

    /// <summary>
    /// GET /videos (§5.4): the <c>videos</c> envelope. page (default 1) and limit (default 10) are
    /// integers of at least 1 (no maximum is documented; the sandbox takes any). Filters:
    /// nameSearchQuery (case-insensitive substring of the name), avatarId and voiceId (of any
    /// moment; a moment's voice is the avatar's when it names none), extrasFilter (a JSON object of
    /// strings, all of which the video's extras must have). Newest first, then the reverse of the
    /// order of creation: a stable order, so pages do not overlap.
    /// </summary>
    public SandboxAnswer List(IReadOnlyDictionary<string, string> query)
    {
        var limit = 10;
        var problem = SandboxRules.Integer(query, "page", 1, 1, int.MaxValue, out var page)
            ?? SandboxRules.Integer(query, "limit", 10, 1, int.MaxValue, out limit);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        query.TryGetValue("nameSearchQuery", out var name);
        query.TryGetValue("avatarId", out var avatarId);
        query.TryGetValue("voiceId", out var voiceId);
        Dictionary<string, string>? extras = null;
        if (query.TryGetValue("extrasFilter", out var filter))
        {
            problem = ReadExtrasFilter(filter, out extras);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
        }
        var selected = _videos.Select((v, _) =>
            (string.IsNullOrEmpty(name) || v.Name.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0)
            && (string.IsNullOrEmpty(avatarId) || v.Moments.Any(m => m.AvatarId == avatarId))
            && (string.IsNullOrEmpty(voiceId) || v.Moments.Any(m => VoiceOf(m) == voiceId))
            && (extras is null || extras.All(pair => v.Extras.TryGetValue(pair.Key, out var value) && value == pair.Value)))
            .Reverse()
            .ToList();
        var total = selected.Count;
        var pages = (int)((total + (long)limit - 1) / limit);
        var skip = (long)(page - 1) * limit;
        var items = skip >= total ? new List<(Video, SandboxProgress)>() : selected.Skip((int)skip).Take(limit).ToList();
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("videos");
            foreach (var (video, progress) in items) Write(json, video, progress);
            json.WriteEndArray();
            json.WriteNumber("totalItems", total);
            json.WriteNumber("totalPages", pages);
            json.WriteNumber("currentPage", page);
            json.WriteNumber("itemsPerPage", limit);
            json.WriteEndObject();
        });
    }

    /// <summary>extrasFilter: "a JSON object as a string" (§5.4); its values are strings, as extras' are.</summary>
    private static string? ReadExtrasFilter(string text, out Dictionary<string, string>? extras)
    {
        extras = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return "extrasFilter must be a JSON object such as {\"key\":\"value\"} (it is not valid JSON)";
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return "extrasFilter must be a JSON object such as {\"key\":\"value\"}";
            extras = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in document.RootElement.EnumerateObject())
            {
                if (pair.Value.ValueKind != JsonValueKind.String) return $"extrasFilter.{pair.Name} must be a string";
                extras[pair.Name] = pair.Value.GetString()!;
            }
            return null;
        }
    }

    /// <summary>GET /videos/{id} (§5.5): the video, or 404 "Video not found".</summary>
    public SandboxAnswer Get(string id)
    {
        var video = _videos.Find(id);
        if (video is null) return SandboxAnswer.Error(404, "Video not found");
        var progress = _videos.ProgressOf(video);
        return SandboxAnswer.Json(200, json => Write(json, video, progress));
    }

    /// <summary>DELETE /videos/{id} (§5.6): 200 <c>{message}</c> (not 204), or 404. Its files go with it.</summary>
    public SandboxAnswer Delete(string id)
    {
        if (!_videos.Remove(id)) return SandboxAnswer.Error(404, "Video not found");
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteString("message", "Video deleted successfully");
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// POST /videos/{id}/render (§5.7): the body is optional (none, or an empty one, or
    /// <c>{}</c>); when present it is an object whose only property is <c>callbackUrl</c>, an https
    /// URL (or, in the sandbox only, http:// on a loopback address, <see cref="SandboxRules.CallbackUri"/>). 200 with the video, now GENERATING_AUDIO (or further, if the stages take no time).
    /// Rendering a video that is already generating is refused (400, the documented "Unexpected
    /// error" answer, saying why); rendering a video that has ended (DONE, FAILED,
    /// CONTENT_MODERATED) renders it again from the start, as a new render (it would be charged
    /// again); its files are gone until it is DONE again.
    /// </summary>
    public SandboxAnswer Render(string id, string body)
    {
        var video = _videos.Find(id);
        if (video is null) return SandboxAnswer.Error(404, "Video not found");
        string? callbackUrl = null;
        if (body.Trim().Length > 0)
        {
            var problem = SandboxRules.ReadObject(body, out var document);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            using (document)
            {
                var root = document!.RootElement;
                problem = SandboxRules.OnlyProperties(root, null, "callbackUrl")
                    ?? SandboxRules.NonEmptyString(root, null, "callbackUrl", required: false, out callbackUrl);
                if (problem is null && callbackUrl is not null) problem = SandboxRules.CallbackUri(callbackUrl, "callbackUrl");
                if (problem is not null) return SandboxAnswer.Invalid(problem);
            }
        }
        SandboxProgress progress;
        lock (_rendering) // two renders at once: one starts, the other finds it generating
        {
            var before = _videos.ProgressOf(video).Status;
            if (before is "GENERATING_AUDIO" or "GENERATING_VIDEO")
                return SandboxAnswer.Error(400, $"Unexpected error: the video is already being generated (status {before})");
            video.CallbackUrl = callbackUrl;
            video.Renders++;
            _videos.Start(id);
            progress = _videos.ProgressOf(video);
        }
        return SandboxAnswer.Json(200, json => Write(json, video, progress));
    }

    /// <summary>Forces a video's status from now on (for tests), or null to return to its schedule.</summary>
    public bool ForceStatus(string id, string? status) => _videos.Force(id, status);

    /// <summary>
    /// POST /videos (§5.2, schema VideoCreateArgs): 201 with the video in IDLE, or 400 with what is
    /// wrong. Readings chosen where the reference is unsure:
    /// <list type="bullet">
    /// <item>A moment takes exactly one of transcript and audioUrl (the newest page, §10.3).</item>
    /// <item>A transcript has 1 to <see cref="SandboxOptions.MaximumTranscriptCharacters"/> characters (250, the documented schema, §10.2).</item>
    /// <item>A moment's avatarId must be an avatar the sandbox knows (a public one or one created here), in any status.</item>
    /// <item><c>type</c> (newest only, §10.7) may be "moments"; the n8n node's "transcript" and "articleToVideo" bodies are not documented and are refused.</item>
    /// <item><c>broll</c> (§10.8): only <c>{type: "UPLOAD", assetId}</c> was seen, with an optional <c>zoom</c> as in the render example.</item>
    /// <item>subtitles.styleId must be a style of GET /subtitles.</item>
    /// <item>autoBrolls: enable, source and intensity are required as documented, except intensity with AVATAR_ACTION, where the docs say it is "not available" (it may be left out; given, it is taken and ignored).</item>
    /// </list>
    /// What only the media behind a URL could tell (an audio's length: "Current limit: 20 seconds") is not checked.
    /// </summary>
    public SandboxAnswer Create(string body)
    {
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            problem = Read(document!.RootElement, out var video);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            _videos.Add(video!, start: false);
            var progress = _videos.ProgressOf(video!);
            return SandboxAnswer.Json(201, json => Write(json, video!, progress));
        }
    }

    private string? Read(JsonElement root, out Video? video)
    {
        video = null;
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null, type = null, aspectRatio = null, model = null;
        var problem = SandboxRules.OnlyProperties(root, null,
                "name", "moments", "subtitles", "aspectRatio", "enableAutoBrolls", "autoBrolls", "extras", "backgroundMusic", "model", "type")
            ?? SandboxRules.NonEmptyString(root, null, "name", required: true, out name)
            ?? SandboxRules.OneOf(root, null, "type", required: false, out type, "moments")
            ?? SandboxRules.OneOf(root, null, "aspectRatio", required: false, out aspectRatio, AspectRatios)
            ?? SandboxRules.OneOf(root, null, "model", required: false, out model, Models)
            ?? SandboxRules.Boolean(root, null, "enableAutoBrolls", required: false, out _)
            ?? SandboxRules.Extras(root, extras)
            ?? ReadAutoBrolls(root)
            ?? ReadBackgroundMusic(root);
        if (problem is not null) return problem;
        var candidate = new Video(_render) { Name = name!, Model = model };
        problem = ReadSubtitles(root, candidate) ?? ReadMoments(root, candidate.Moments);
        if (problem is not null) return problem;
        problem = candidate.Lifecycle.ChooseOutcome(extras, out var outcome);
        if (problem is not null) return problem;
        candidate.Outcome = outcome;
        foreach (var pair in extras) candidate.Extras[pair.Key] = pair.Value;
        // "default depends on used avatar": the first moment's avatar's orientation.
        _avatars.TryDescribe(candidate.Moments[0].AvatarId, out var avatarRatio, out _);
        candidate.AspectRatio = aspectRatio ?? avatarRatio;
        video = candidate;
        return null;
    }

    private string? ReadMoments(JsonElement root, List<Moment> moments)
    {
        if (!root.TryGetProperty("moments", out var array)) return "moments is required";
        if (array.ValueKind != JsonValueKind.Array) return "moments must be an array";
        if (array.GetArrayLength() == 0) return "moments must have at least 1 item";
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"moments[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) return $"{at} must be an object";
            string? avatarId = null, transcript = null, audioUrl = null, voiceId = null, gesture = null;
            var problem = SandboxRules.OnlyProperties(item, at, "transcript", "avatarId", "voiceId", "gestureSlug", "audioUrl", "zoom", "broll")
                ?? SandboxRules.NonEmptyString(item, at, "avatarId", required: true, out avatarId)
                ?? SandboxRules.NonEmptyString(item, at, "voiceId", required: false, out voiceId)
                ?? SandboxRules.NonEmptyString(item, at, "gestureSlug", required: false, out gesture);
            if (problem is not null) return problem;
            if (!_avatars.TryDescribe(avatarId!, out _, out _)) return $"{at}.avatarId: avatar {avatarId} not found";
            var hasTranscript = item.TryGetProperty("transcript", out _);
            var hasAudio = item.TryGetProperty("audioUrl", out _);
            if (hasTranscript == hasAudio) return $"{at} must have exactly one of transcript or audioUrl";
            if (hasTranscript)
            {
                problem = SandboxRules.String(item, "transcript", required: true, 1, _options.MaximumTranscriptCharacters, out transcript);
                if (problem is not null) return at + "." + problem;
            }
            else
            {
                problem = SandboxRules.NonEmptyString(item, at, "audioUrl", required: true, out audioUrl) ?? SandboxRules.HttpsUri(audioUrl!, at + ".audioUrl");
                if (problem is not null) return problem;
            }
            string? brollAsset = null;
            double? brollZoom = null;
            problem = ReadZoom(item, at, out var zoom) ?? ReadBroll(item, at, out brollAsset, out brollZoom);
            if (problem is not null) return problem;
            moments.Add(new Moment
            {
                AvatarId = avatarId!, Transcript = transcript, AudioUrl = audioUrl, VoiceId = voiceId, GestureSlug = gesture,
                Zoom = zoom, BrollAssetId = brollAsset, BrollZoom = brollZoom,
            });
        }
        return null;
    }

    /// <summary>zoom: <c>{ level: number 1..2 }</c>, level required, additionalProperties false.</summary>
    private static string? ReadZoom(JsonElement holder, string at, out double? level)
    {
        level = null;
        var problem = SandboxRules.Object(holder, at, "zoom", required: false, out var zoom);
        if (problem is not null || zoom.ValueKind != JsonValueKind.Object) return problem;
        return SandboxRules.OnlyProperties(zoom, at + ".zoom", "level")
            ?? SandboxRules.Number(zoom, at + ".zoom", "level", required: true, 1, 2, out level);
    }

    /// <summary>broll: <c>{ type: "UPLOAD", assetId }</c>, with an optional zoom.</summary>
    private static string? ReadBroll(JsonElement moment, string at, out string? assetId, out double? zoom)
    {
        assetId = null;
        zoom = null;
        var problem = SandboxRules.Object(moment, at, "broll", required: false, out var broll);
        if (problem is not null || broll.ValueKind != JsonValueKind.Object) return problem;
        var path = at + ".broll";
        return SandboxRules.OnlyProperties(broll, path, "type", "assetId", "zoom")
            ?? SandboxRules.OneOf(broll, path, "type", required: true, out _, "UPLOAD")
            ?? SandboxRules.NonEmptyString(broll, path, "assetId", required: true, out assetId)
            ?? ReadZoom(broll, path, out zoom);
    }

    /// <summary>subtitles (additionalProperties false): enable required; styleId of GET /subtitles; position; size.</summary>
    private static string? ReadSubtitles(JsonElement root, Video video)
    {
        var problem = SandboxRules.Object(root, null, "subtitles", required: false, out var subtitles);
        if (problem is not null || subtitles.ValueKind != JsonValueKind.Object) return problem;
        string? styleId = null, position = null, size = null;
        bool? enable = null;
        problem = SandboxRules.OnlyProperties(subtitles, "subtitles", "enable", "styleId", "position", "size")
            ?? SandboxRules.Boolean(subtitles, "subtitles", "enable", required: true, out enable)
            ?? SandboxRules.NonEmptyString(subtitles, "subtitles", "styleId", required: false, out styleId)
            ?? SandboxRules.OneOf(subtitles, "subtitles", "position", required: false, out position, Positions)
            ?? SandboxRules.OneOf(subtitles, "subtitles", "size", required: false, out size, Sizes);
        if (problem is not null) return problem;
        if (styleId is not null && SandboxSubtitles.FindStyle(styleId) is null) return $"subtitles.styleId: subtitle style {styleId} not found";
        video.Subtitles = enable == true;
        video.SubtitleStyleId = styleId;
        video.SubtitlePosition = position;
        video.SubtitleSize = size;
        return null;
    }

    /// <summary>autoBrolls: enable, source, intensity required (not with AVATAR_ACTION); layout optional; no other property.</summary>
    private static string? ReadAutoBrolls(JsonElement root)
    {
        var problem = SandboxRules.Object(root, null, "autoBrolls", required: false, out var auto);
        if (problem is not null || auto.ValueKind != JsonValueKind.Object) return problem;
        return SandboxRules.OnlyProperties(auto, "autoBrolls", "enable", "source", "intensity", "layout")
            ?? SandboxRules.Boolean(auto, "autoBrolls", "enable", required: true, out _)
            ?? SandboxRules.OneOf(auto, "autoBrolls", "source", required: true, out var source, BrollSources)
            // §5.2: intensity is "not available for 'AVATAR_ACTION' source": required for the others only.
            ?? SandboxRules.OneOf(auto, "autoBrolls", "intensity", required: source != "AVATAR_ACTION", out _, Intensities)
            ?? SandboxRules.OneOf(auto, "autoBrolls", "layout", required: false, out _, Layouts);
    }

    /// <summary>backgroundMusic: assetId required; volume a number from 0 to 1 (default 0.14).</summary>
    private static string? ReadBackgroundMusic(JsonElement root)
    {
        var problem = SandboxRules.Object(root, null, "backgroundMusic", required: false, out var music);
        if (problem is not null || music.ValueKind != JsonValueKind.Object) return problem;
        return SandboxRules.OnlyProperties(music, "backgroundMusic", "assetId", "volume")
            ?? SandboxRules.NonEmptyString(music, "backgroundMusic", "assetId", required: true, out _)
            ?? SandboxRules.Number(music, "backgroundMusic", "volume", required: false, 0, 1, out _);
    }

    /// <summary>A moment's voice: its own, or its avatar's ("default is the avatar's voice").</summary>
    private string? VoiceOf(Moment moment)
    {
        if (moment.VoiceId is not null) return moment.VoiceId;
        _avatars.TryDescribe(moment.AvatarId, out _, out var voice);
        return voice;
    }

    private Uri FileUri(string relative) => new(_files, relative);

    /// <summary>The Video object of §5.1. videoUrl, videoUrlSubtitled and the moments' videoUrl appear once it is DONE.</summary>
    private void Write(Utf8JsonWriter json, Video v, SandboxProgress progress)
    {
        var done = progress.Status == "DONE";
        json.WriteStartObject();
        json.WriteString("id", v.Id);
        json.WriteString("name", v.Name);
        json.WriteString("createdAt", SandboxJson.Iso(v.CreatedAt));
        json.WriteString("updatedAt", SandboxJson.Iso(progress.Since));
        json.WriteString("status", progress.Status);
        json.WriteStartArray("moments");
        for (var i = 0; i < v.Moments.Count; i++)
        {
            var m = v.Moments[i];
            json.WriteStartObject();
            if (m.Transcript is not null) json.WriteString("transcript", m.Transcript);
            json.WriteString("avatarId", m.AvatarId);
            var voice = VoiceOf(m);
            if (voice is not null) json.WriteString("voiceId", voice);
            if (m.AudioUrl is not null) json.WriteString("audioUrl", m.AudioUrl);
            if (done) json.WriteString("videoUrl", FileUri($"videos/{v.Id}-moment-{i + 1}.mp4").AbsoluteUri);
            if (m.GestureSlug is not null) json.WriteString("gestureSlug", m.GestureSlug);
            if (m.Zoom is { } zoom) WriteZoom(json, "zoom", zoom);
            if (m.BrollAssetId is not null)
            {
                json.WriteStartObject("broll");
                json.WriteString("type", "UPLOAD");
                json.WriteString("assetId", m.BrollAssetId);
                if (m.BrollZoom is { } brollZoom) WriteZoom(json, "zoom", brollZoom);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (done)
        {
            json.WriteString("videoUrl", FileUri($"videos/{v.Id}.mp4").AbsoluteUri);
            if (v.Subtitles) json.WriteString("videoUrlSubtitled", FileUri($"videos/{v.Id}-subtitled.mp4").AbsoluteUri);
        }
        json.WriteString("previewUrl", FileUri($"previews/{v.Id}").AbsoluteUri);
        json.WriteString("aspectRatio", v.AspectRatio);
        json.WriteStartObject("subtitles");
        json.WriteBoolean("enable", v.Subtitles);
        json.WriteEndObject();
        json.WriteStartObject("extras");
        foreach (var pair in v.Extras) json.WriteString(pair.Key, pair.Value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteZoom(Utf8JsonWriter json, string name, double level)
    {
        json.WriteStartObject(name);
        json.WriteNumber("level", level);
        json.WriteEndObject();
    }

    private static readonly Regex MomentFile = new(@"^(?<id>.+)-moment-(?<n>[1-9][0-9]{0,5})\.mp4$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The file the file host serves under /files/{kind}/{name}, or null (404): an MP4 of a DONE
    /// video (its subtitled one only when it has subtitles; a moment's for each of its moments), or
    /// the preview page of any video.
    /// </summary>
    internal SandboxFile? FindFile(string kind, string name)
    {
        if (kind == "previews")
        {
            var shown = _videos.Find(name);
            if (shown is null) return null;
            var src = FileUri($"videos/{shown.Id}.mp4").AbsoluteUri;
            var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Argil sandbox preview</title></head>\n"
                + $"<body><video controls src=\"{src}\"></video></body></html>\n";
            return new SandboxFile("preview.html", 0, html);
        }
        if (kind != "videos" || !name.EndsWith(".mp4", StringComparison.Ordinal)) return null;
        string id;
        int? moment = null;
        var subtitled = false;
        var match = MomentFile.Match(name);
        if (match.Success)
        {
            id = match.Groups["id"].Value;
            moment = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        }
        else if (name.EndsWith("-subtitled.mp4", StringComparison.Ordinal))
        {
            id = name.Substring(0, name.Length - "-subtitled.mp4".Length);
            subtitled = true;
        }
        else id = name.Substring(0, name.Length - ".mp4".Length);
        var video = _videos.Find(id);
        if (video is null || _videos.ProgressOf(video).Status != "DONE") return null;
        if (subtitled && !video.Subtitles) return null;
        if (moment > video.Moments.Count) return null;
        return new SandboxFile(name, SandboxMedia.SizeFor(_options.VideoFileBytes), null);
    }
}
