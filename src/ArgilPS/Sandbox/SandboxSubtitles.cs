using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ArgilPS.Sandbox;

/// <summary>
/// The subtitle endpoints of the emulated API (argil-api.md §7): GET /subtitles (styles, the
/// <c>items</c> envelope with page/pageSize) and GET /subtitles/videos/{videoProjectId}/export
/// (the video's subtitles as WebVTT or ASS text, with a Content-Disposition file name).
/// </summary>
internal sealed class SandboxSubtitles : ISandboxResource
{
    /// <summary>A subtitle style: what GET /subtitles shows (id, name) and what styled exports use.</summary>
    internal sealed class Style
    {
        public Style(string id, string name, string font, string colour, string outline, bool bold)
        {
            Id = id;
            Name = name;
            Font = font;
            Colour = colour;
            Outline = outline;
            Bold = bold;
        }

        public string Id { get; }
        public string Name { get; }
        public string Font { get; }

        /// <summary>Text colour, RRGGBB.</summary>
        public string Colour { get; }

        /// <summary>Outline colour, RRGGBB.</summary>
        public string Outline { get; }

        public bool Bold { get; }
    }

    /// <summary>Fourteen styles, so that paging has several pages at small page sizes. Fixed ids, the same in every sandbox.</summary>
    internal static readonly IReadOnlyList<Style> Styles = new[]
    {
        new Style("5b7e0c1a-0000-4000-8000-000000000001", "Classic", "Arial", "FFFFFF", "000000", false),
        new Style("5b7e0c1a-0000-4000-8000-000000000002", "Bold Pop", "Montserrat", "FFFFFF", "000000", true),
        new Style("5b7e0c1a-0000-4000-8000-000000000003", "Karaoke", "Poppins", "FFE500", "000000", true),
        new Style("5b7e0c1a-0000-4000-8000-000000000004", "Minimal", "Inter", "FFFFFF", "333333", false),
        new Style("5b7e0c1a-0000-4000-8000-000000000005", "Neon", "Orbitron", "39FF14", "001A00", true),
        new Style("5b7e0c1a-0000-4000-8000-000000000006", "Typewriter", "Courier New", "F5F5DC", "000000", false),
        new Style("5b7e0c1a-0000-4000-8000-000000000007", "Boxed", "Roboto", "000000", "FFFFFF", true),
        new Style("5b7e0c1a-0000-4000-8000-000000000008", "Outline", "Helvetica", "FFFFFF", "FF0066", true),
        new Style("5b7e0c1a-0000-4000-8000-000000000009", "Cinema", "Georgia", "FFFDE7", "000000", false),
        new Style("5b7e0c1a-0000-4000-8000-00000000000a", "Highlight Yellow", "Montserrat", "111111", "FFD400", true),
        new Style("5b7e0c1a-0000-4000-8000-00000000000b", "Comic", "Comic Neue", "FFFFFF", "1A1AFF", true),
        new Style("5b7e0c1a-0000-4000-8000-00000000000c", "Elegant Serif", "Playfair Display", "FFFFFF", "222222", false),
        new Style("5b7e0c1a-0000-4000-8000-00000000000d", "Retro", "VT323", "FF9900", "2B0A3D", false),
        new Style("5b7e0c1a-0000-4000-8000-00000000000e", "Soft Shadow", "Lato", "FFFFFF", "555555", false),
    };

    private readonly SandboxVideos _videos;

    public SandboxSubtitles(SandboxVideos videos) => _videos = videos;

    public void AddRoutes(SandboxRouteTable routes) => routes
        .Map("GET", "/subtitles", call => List(call.Query))
        .Map("GET", "/subtitles/videos/{videoProjectId}/export", call => Export(call["videoProjectId"], call.Query));

    /// <summary>A style by id (ids compared exactly), or null.</summary>
    public static Style? FindStyle(string id) => Styles.FirstOrDefault(s => s.Id == id);

    /// <summary>GET /subtitles (§7.1): page (integer ≥ 1, default 1), pageSize (1–100, default 10); <c>{ items: [{id, name}], totalItems, totalPages, currentPage, itemsPerPage }</c>.</summary>
    public SandboxAnswer List(IReadOnlyDictionary<string, string> query)
    {
        var pageSize = 10;
        var problem = SandboxRules.Integer(query, "page", 1, 1, int.MaxValue, out var page)
            ?? SandboxRules.Integer(query, "pageSize", 10, 1, 100, out pageSize);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        var total = Styles.Count;
        var skip = (long)(page - 1) * pageSize;
        var items = skip >= total ? new List<Style>() : Styles.Skip((int)skip).Take(pageSize).ToList();
        return SandboxAnswer.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var style in items)
            {
                json.WriteStartObject();
                json.WriteString("id", style.Id);
                json.WriteString("name", style.Name);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("totalItems", total);
            json.WriteNumber("totalPages", (total + pageSize - 1) / pageSize);
            json.WriteNumber("currentPage", page);
            json.WriteNumber("itemsPerPage", pageSize);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// GET /subtitles/videos/{videoProjectId}/export (§7.2): format <c>vtt</c> (default) or
    /// <c>ass</c>, includeStyling <c>true</c>/<c>false</c> (default false); 400 for another value;
    /// 404 "Video project not found or user does not have access" for an unknown video. Subtitles
    /// come from the render (their timings are the spoken audio's), so a video that is not DONE
    /// has none yet: 400 saying so, with its status. The cues are the moments' transcripts, a few
    /// words each, timed at 0.4 s a word (at least 1 s a moment), one after the other; an audioUrl
    /// moment (5 s, as the sandbox hears no audio) has no cue. The body is the file, with
    /// <c>Content-Disposition: attachment; filename="..."</c> made of the video's name (ASCII
    /// letters, digits, space, dot, dash and underscore kept, anything else made an underscore)
    /// and <c>filename*</c> carrying the name as it is, percent-encoded in UTF-8 (RFC 6266).
    /// </summary>
    public SandboxAnswer Export(string videoId, IReadOnlyDictionary<string, string> query)
    {
        string? format = null;
        var styled = false;
        var problem = SandboxRules.Enum(query, "format", out format, "vtt", "ass") ?? SandboxRules.Flag(query, "includeStyling", out styled);
        if (problem is not null) return SandboxAnswer.Invalid(problem);
        format ??= "vtt";
        var found = _videos.Lookup(videoId);
        if (found is null) return SandboxAnswer.Error(404, "Video project not found or user does not have access");
        var (video, progress) = found.Value;
        if (progress.Status != "DONE") return SandboxAnswer.Invalid($"the video has no subtitles until it is rendered (its status is {progress.Status})");
        var cues = Cues(video);
        var style = (styled ? FindStyle(video.SubtitleStyleId ?? "") : null) ?? Styles[0];
        var text = format == "vtt" ? Vtt(cues, styled ? style : null, video) : Ass(cues, styled ? style : null, video);
        var headers = new Dictionary<string, string> { ["Content-Disposition"] = Disposition(video.Name, "." + format) };
        return SandboxAnswer.Text(200, text, format == "vtt" ? "text/vtt" : "text/x-ass", headers);
    }

    /// <summary>A cue: from, to (milliseconds) and its words.</summary>
    internal readonly struct Cue
    {
        public Cue(long start, long end, string text)
        {
            Start = start;
            End = end;
            Text = text;
        }

        public long Start { get; }
        public long End { get; }
        public string Text { get; }
    }

    private const int WordsPerCue = 7;
    private const long MillisecondsPerWord = 400;

    internal static List<Cue> Cues(SandboxVideos.Video video)
    {
        var cues = new List<Cue>();
        long at = 0;
        foreach (var moment in video.Moments)
        {
            if (moment.Transcript is null)
            {
                at += 5000;
                continue;
            }
            var words = moment.Transcript.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(c => !char.IsControl(c)).ToArray())).Where(w => w.Length > 0).ToList();
            var length = Math.Max(1000, words.Count * MillisecondsPerWord);
            var start = at;
            for (var i = 0; i < words.Count; i += WordsPerCue)
            {
                var chunk = words.Skip(i).Take(WordsPerCue).ToList();
                var end = i + WordsPerCue >= words.Count ? at + length : start + chunk.Count * MillisecondsPerWord;
                cues.Add(new Cue(start, end, string.Join(" ", chunk)));
                start = end;
            }
            at += length;
        }
        return cues;
    }

    private static string Vtt(List<Cue> cues, Style? style, SandboxVideos.Video video)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        var settings = "";
        if (style is not null)
        {
            var size = video.SubtitleSize switch { "Small" => 80, "Large" => 130, _ => 100 };
            text.Append("STYLE\n::cue {\n")
                .Append("  font-family: \"").Append(style.Font).Append("\", sans-serif;\n")
                .Append("  color: #").Append(style.Colour).Append(";\n")
                .Append("  font-weight: ").Append(style.Bold ? "bold" : "normal").Append(";\n")
                .Append("  font-size: ").Append(size.ToString(CultureInfo.InvariantCulture)).Append("%;\n")
                .Append("  text-shadow: 0 0 3px #").Append(style.Outline).Append(";\n")
                .Append("}\n\n");
            settings = " line:" + (video.SubtitlePosition switch { "Top" => "10%", "Middle" => "50%", _ => "85%" }) + " align:center";
        }
        for (var i = 0; i < cues.Count; i++)
        {
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(VttTime(cues[i].Start)).Append(" --> ").Append(VttTime(cues[i].End)).Append(settings).Append('\n')
                .Append(cues[i].Text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")).Append("\n\n");
        }
        return text.ToString();
    }

    private static string VttTime(long ms) =>
        string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}.{3:000}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);

    private static string Ass(List<Cue> cues, Style? style, SandboxVideos.Video video)
    {
        var portrait = video.AspectRatio == "9:16";
        var text = new StringBuilder();
        text.Append("[Script Info]\n; Argil sandbox subtitles\nScriptType: v4.00+\n")
            .Append("PlayResX: ").Append(portrait ? "1080" : "1920").Append('\n')
            .Append("PlayResY: ").Append(portrait ? "1920" : "1080").Append('\n')
            .Append("WrapStyle: 0\nScaledBorderAndShadow: yes\n\n");
        text.Append("[V4+ Styles]\n")
            .Append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        string name;
        if (style is null)
        {
            name = "Default";
            text.Append("Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,2,0,2,40,40,60,1\n\n");
        }
        else
        {
            name = style.Name.Replace(",", " ");
            var size = video.SubtitleSize switch { "Small" => 36, "Large" => 64, _ => 48 };
            var alignment = video.SubtitlePosition switch { "Top" => 8, "Middle" => 5, _ => 2 };
            text.Append("Style: ").Append(name).Append(',').Append(style.Font).Append(',').Append(size.ToString(CultureInfo.InvariantCulture))
                .Append(",&H00").Append(Bgr(style.Colour)).Append(",&H000000FF,&H00").Append(Bgr(style.Outline)).Append(",&H80000000,")
                .Append(style.Bold ? "-1" : "0").Append(",0,0,0,100,100,0,0,1,2,0,").Append(alignment.ToString(CultureInfo.InvariantCulture)).Append(",40,40,60,1\n\n");
        }
        text.Append("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        foreach (var cue in cues)
        {
            // Braces would start override tags and a backslash an escape: both are made harmless.
            var line = cue.Text.Replace('{', '(').Replace('}', ')').Replace('\\', '/');
            text.Append("Dialogue: 0,").Append(AssTime(cue.Start)).Append(',').Append(AssTime(cue.End)).Append(',').Append(name).Append(",,0,0,0,,").Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>ASS colours are &amp;HAABBGGRR.</summary>
    private static string Bgr(string rrggbb) => rrggbb.Substring(4, 2) + rrggbb.Substring(2, 2) + rrggbb.Substring(0, 2);

    private static string AssTime(long ms) =>
        string.Format(CultureInfo.InvariantCulture, "{0}:{1:00}:{2:00}.{3:00}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000 / 10);

    /// <summary>Content-Disposition with an ASCII file name and the real one in filename* (RFC 6266, RFC 5987).</summary>
    internal static string Disposition(string videoName, string extension)
    {
        var plain = new string(videoName.Select(c => c < 128 && (char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_') ? c : '_').ToArray()).Trim(' ', '.');
        if (plain.Length > 100) plain = plain.Substring(0, 100);
        if (plain.Trim('_').Length == 0) plain = "subtitles";
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(videoName + extension))
        {
            var c = (char)b;
            if (b < 128 && (char.IsLetterOrDigit(c) || "!#$&+-.^_`|~".IndexOf(c) >= 0)) encoded.Append(c);
            else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return $"attachment; filename=\"{plain}{extension}\"; filename*=UTF-8''{encoded}";
    }
}
