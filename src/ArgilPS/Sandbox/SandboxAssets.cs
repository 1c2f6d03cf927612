using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>
/// The asset endpoints of the emulated API (argil-api.md §6): GET /assets (a bare array paged by
/// X-* response headers), GET /assets/{id}, POST /assets (upload by URL). It starts with Argil's
/// background-music library (READY AUDIO assets) and a few READY images and videos; uploads are
/// PROCESSING for <see cref="SandboxOptions.AssetProcessingDuration"/>, then READY, or FAILED when
/// the URL asks for it (<see cref="OutcomeMarker"/>).
/// DELETE /assets/{id} is not emulated: only third parties list it (§6.5, unverified), the module
/// does not wrap it, and the route table answers it 404 naming the methods the path takes.
/// </summary>
internal sealed class SandboxAssets : ISandboxResource
{
    /// <summary>
    /// Assets have no extras to carry a sandbox-outcome, so an upload chooses how its processing
    /// ends with a query parameter of its URL: <c>https://example.com/clip.mp4?sandbox-outcome=FAILED</c>
    /// (READY by default; PROCESSING never finishes). The real API would fetch that URL as it is.
    /// </summary>
    public const string OutcomeMarker = SandboxLifecycle.OutcomeExtra;

    private static readonly string[] Types = { "AUDIO", "IMAGE", "VIDEO" };
    private static readonly string[] Statuses = { "PROCESSING", "READY", "FAILED" };

    /// <summary>§6.2: pageSize "1–100, default 20".</summary>
    private const int DefaultPageSize = 20;
    private const int MaximumPageSize = 100;

    /// <summary>§6.1: "POST /assets → PROCESSING → READY (or FAILED)".</summary>
    private readonly SandboxLifecycle _upload;

    /// <summary>The system library and the seeded uploads are ready from the start.</summary>
    private static readonly SandboxLifecycle Ready = new("READY", Array.Empty<SandboxStage>(), new[] { "READY" });

    private readonly SandboxCollection<Asset> _assets;

    public SandboxAssets(SandboxOptions options, Func<DateTime> now)
    {
        _assets = new SandboxCollection<Asset>(now);
        _upload = new SandboxLifecycle("PROCESSING",
            new[] { new SandboxStage("PROCESSING", () => options.AssetProcessingDuration) },
            new[] { "READY", "FAILED", "PROCESSING" });
        Seed(now() - TimeSpan.FromDays(90));
    }

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/assets", List)
        .Map("POST", "/assets", call => Create(call.Body))
        .Map("GET", "/assets/{id}", call => Get(call["id"]));

    private sealed class Asset : SandboxItem
    {
        public Asset(SandboxLifecycle lifecycle) : base(lifecycle) { }

        public string? Name { get; set; }
        public string Type { get; set; } = "IMAGE";

        /// <summary>The file's name in the sandbox's address for it.</summary>
        public string FileName { get; set; } = "file";
    }

    /// <summary>The ids of the seeded assets: <c>00000000-0000-4000-9000-0000000000NN</c>, music first.</summary>
    public static string SeedId(int number) => $"00000000-0000-4000-9000-{number:D12}";

    /// <summary>How many AUDIO, IMAGE and VIDEO assets a new sandbox holds, all READY.</summary>
    public const int SeededAudio = 12, SeededImages = 5, SeededVideos = 4;

    private void Seed(DateTime created)
    {
        string[] music =
        {
            "Calm Piano", "Corporate Uplift", "Lo-fi Study", "Cinematic Rise", "Acoustic Morning", "Electro Pulse",
            "Jazz Lounge", "Ambient Drift", "Happy Ukulele", "Epic Trailer", "Soft Strings", "Retro Synthwave",
        };
        string[] images = { "Office background", "Product shot", "Team photo", "Chart Q3", "Logo on white" };
        string[] videos = { "City timelapse", "Drone coastline", "Typing hands", "Factory floor" };
        var number = 0;
        void Add(string name, string type, string file) => _assets.Add(new Asset(Ready)
        {
            Id = SeedId(++number), CreatedAt = created + TimeSpan.FromMinutes(number), Name = name, Type = type, FileName = file,
        });
        foreach (var name in music) Add(name, "AUDIO", Slug(name) + ".mp3");
        foreach (var name in images) Add(name, "IMAGE", Slug(name) + ".png");
        foreach (var name in videos) Add(name, "VIDEO", Slug(name) + ".mp4");
    }

    private static string Slug(string name) => new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>
    /// GET /assets (§6.2): <c>type</c> repeatable (each AUDIO, IMAGE or VIDEO; absent for all),
    /// <c>status</c> (default READY), <c>page</c> ≥ 1 (default 1), <c>pageSize</c> 1–100 (default 20).
    /// The body is a bare array, newest first; the counts are in X-Total-Count, X-Page, X-Page-Size
    /// and X-Total-Pages. A page past the last is an empty array with the same counts.
    /// </summary>
    public SandboxAnswer List(SandboxCall call)
    {
        var types = call.QueryValues("type");
        var badType = types.FirstOrDefault(t => !Types.Contains(t));
        if (badType is not null) return SandboxAnswer.Invalid($"type must be one of {string.Join(", ", Types)} (it is '{badType}')");
        int page = 1, pageSize = DefaultPageSize;
        var problem = SandboxRules.Enum(call.Query, "status", out var status, Statuses)
            ?? Integer(call.Query, "page", 1, int.MaxValue, 1, out page)
            ?? Integer(call.Query, "pageSize", 1, MaximumPageSize, DefaultPageSize, out pageSize);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        status ??= "READY";

        var selected = _assets.Select((a, p) => p.Status == status && (types.Count == 0 || types.Contains(a.Type)))
            .Reverse() // newest first, and of those created at the same instant the last stored first
            .OrderByDescending(x => x.Item.CreatedAt)
            .ToList();
        var total = selected.Count;
        var totalPages = (total + pageSize - 1) / pageSize;
        var slice = (long)(page - 1) * pageSize >= total ? new List<(Asset Item, SandboxProgress Progress)>() : selected.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var answer = SandboxAnswer.Json(200, json =>
        {
            json.WriteStartArray();
            foreach (var (asset, progress) in slice) Write(json, asset, progress);
            json.WriteEndArray();
        });
        return answer.WithHeaders(new Dictionary<string, string>
        {
            ["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture),
            ["X-Page"] = page.ToString(CultureInfo.InvariantCulture),
            ["X-Page-Size"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["X-Total-Pages"] = totalPages.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>A query parameter that is an integer from <paramref name="minimum"/> to <paramref name="maximum"/>, or its default when absent.</summary>
    private static string? Integer(IReadOnlyDictionary<string, string> query, string name, int minimum, int maximum, int fallback, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var text)) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum)
        {
            value = fallback;
            return maximum == int.MaxValue ? $"{name} must be an integer of at least {minimum}" : $"{name} must be an integer from {minimum} to {maximum}";
        }
        return null;
    }

    /// <summary>GET /assets/{id} (§6.3): the asset, or 404 "Asset not found".</summary>
    public SandboxAnswer Get(string id)
    {
        var asset = _assets.Find(id);
        if (asset is null) return SandboxAnswer.Error(404, "Asset not found");
        var progress = _assets.ProgressOf(asset);
        return SandboxAnswer.Json(200, json => Write(json, asset, progress));
    }

    /// <summary>
    /// POST /assets (§6.4): <c>name</c> (1–256), <c>type</c> (IMAGE or VIDEO: "Audio upload is not
    /// supported") and <c>url</c>, all required, nothing else. The reference shows <c>url</c> as
    /// <c>format: uri</c>, "Publicly accessible URL to …", its pattern cut off; every other URL the
    /// API fetches has <c>pattern: ^https://</c>, so the sandbox reads it the same way and takes https
    /// URLs only. The status code was not seen: 201, as for every other creation (§6.4 [INFERRED]).
    /// The media behind the URL is not fetched.
    /// </summary>
    public SandboxAnswer Create(string body)
    {
        var problem = SandboxRules.ReadObject(body, out var document);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        using (document)
        {
            var root = document!.RootElement;
            string? name = null, type = null, url = null;
            problem = SandboxRules.OnlyProperties(root, null, "name", "type", "url")
                ?? SandboxRules.String(root, "name", required: true, 1, 256, out name)
                ?? UploadType(root, out type)
                ?? Url(root, out url);
            if (problem is not null) return SandboxAnswer.Invalid(problem);
            var asset = new Asset(_upload) { Name = name, Type = type!, FileName = FileNameOf(url!) };
            problem = asset.Lifecycle.ChooseOutcome(MarkersOf(url!), out var outcome);
            if (problem is not null) return SandboxAnswer.Invalid($"url: {problem} (as the query parameter {OutcomeMarker})");
            asset.Outcome = outcome;
            _assets.Add(asset);
            var progress = _assets.ProgressOf(asset);
            return SandboxAnswer.Json(201, json => Write(json, asset, progress));
        }
    }

    /// <summary>Forces an asset's status from now on (for tests), or null to return to the schedule.</summary>
    public bool ForceStatus(string id, string? status) => _assets.Force(id, status);

    private static string? UploadType(JsonElement root, out string? type)
    {
        type = null;
        if (!root.TryGetProperty("type", out var value)) return "type is required";
        if (value.ValueKind != JsonValueKind.String) return "type must be a string";
        type = value.GetString();
        if (type == "AUDIO") return "Audio upload is not supported";
        return type is "IMAGE" or "VIDEO" ? null : "type must be one of IMAGE, VIDEO";
    }

    private static string? Url(JsonElement root, out string? url)
    {
        url = null;
        if (!root.TryGetProperty("url", out var value)) return "url is required";
        if (value.ValueKind != JsonValueKind.String) return "url must be a string";
        url = value.GetString()!;
        return SandboxRules.HttpsUri(url, "url");
    }

    /// <summary>The query parameters of the upload's URL, where <see cref="OutcomeMarker"/> may be.</summary>
    private static Dictionary<string, string> MarkersOf(string url)
    {
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new Uri(url).Query.TrimStart('?');
        foreach (var part in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part.Substring(0, eq));
            if (key == OutcomeMarker) markers[key] = eq < 0 ? "" : Uri.UnescapeDataString(part.Substring(eq + 1));
        }
        return markers;
    }

    private static string FileNameOf(string url)
    {
        var last = new Uri(url).Segments.LastOrDefault()?.Trim('/') ?? "";
        return last.Length == 0 ? "file" : last;
    }

    /// <summary>The Asset object of §6.1: fileUrl "null while processing" (and after a failure), then the sandbox's address of the file.</summary>
    private static void Write(Utf8JsonWriter json, Asset a, SandboxProgress progress)
    {
        var ready = progress.Status == "READY";
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        if (a.Name is null) json.WriteNull("name");
        else json.WriteString("name", a.Name);
        json.WriteString("type", a.Type);
        json.WriteString("status", progress.Status);
        if (ready) json.WriteString("fileUrl", $"https://sandbox.argil.invalid/assets/{a.Id}/{Uri.EscapeDataString(a.FileName)}");
        else json.WriteNull("fileUrl");
        if (ready && a.Type != "AUDIO") json.WriteString("thumbnailUrl", $"https://sandbox.argil.invalid/assets/{a.Id}/thumbnail.jpg");
        else json.WriteNull("thumbnailUrl");
        json.WriteString("createdAt", SandboxJson.Iso(a.CreatedAt));
        json.WriteEndObject();
    }
}
