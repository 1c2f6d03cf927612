using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Avatars;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>
/// POST /avatars bodies that the module would refuse before sending, sent raw with the sandbox's
/// key: the sandbox checks them itself, as the API reference (§3.4) documents, and answers 400 with
/// the documented Error body <c>{code, message}</c>.
/// </summary>
public sealed class SandboxValidationTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private async Task<(int Status, string Body)> Post(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUri, "avatars")) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", _server.ApiKey);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Image(string dataset, string more = "") =>
        $"{{\"type\":\"IMAGE\",\"name\":\"Jane\",\"datasetImage\":{dataset}{more}}}";

    private static string Url(string url) => $"{{\"url\":\"{url}\"}}";

    private static string Inline(byte[] image, string mime = "png") => $"{{\"base64\":\"data:image/{mime};base64,{Convert.ToBase64String(image)}\"}}";

    private static string Extras(int count, int valueLength = 1) =>
        ",\"extras\":{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"k{i}\":\"{new string('v', valueLength)}\"")) + "}";

    public static TheoryData<string, string> Refused => new()
    {
        { Image(Url("https://e.example/a.png")).Replace("\"Jane\"", "\"" + new string('n', 257) + "\""), "name must have 1 to 256 characters (it has 257)" },
        { Image(Url("https://e.example/a.png"), Extras(11)), "extras must have at most 10 properties (it has 11)" },
        { Image(Url("https://e.example/a.png"), Extras(1, 257)), "extras.k0 must have at most 256 characters" },
        { Image(Url("https://e.example/a.png"), ",\"extras\":{\"n\":3}"), "extras.n must be a string" },
        { Image(Url("http://e.example/a.png")), "datasetImage.url must be an https URL" },
        { Image(Url("ftp://e.example/a.png")), "datasetImage.url must be an https URL" },
        { Image(Url("https://")), "datasetImage.url must be an https URL (it is not a valid URI)" },
        { Image(Inline(TestImages.Png(1024, 576))), "datasetImage.base64: the image is 1024x576; it must be at least 720p (1280x720 or 720x1280)" },
        { Image(Inline(TestImages.Png(1600, 1200))), "datasetImage.base64: the image is 1600x1200; its aspect ratio must be exactly 16:9 or 9:16" },
        { Image(Inline(TestImages.Jpeg(7680, 4320), "jpeg")), "datasetImage.base64: the image is 7680x4320; it must be at most 4K (3840x2160 or 2160x3840)" },
        { Image(Inline(TestImages.Png(1920, 1080, padding: 10 * 1024 * 1024))), "datasetImage.base64: the image is 10485793 bytes; the API takes at most 10 MB (10485760 bytes)" },
        { Image(Inline(Encoding.ASCII.GetBytes("GIF89a..."), "gif")), "datasetImage.base64 must be a data:image/(png|jpeg|jpg|webp);base64, URI" },
        { Image(Inline(Encoding.ASCII.GetBytes("not an image at all"))), "datasetImage.base64 is not a PNG, JPEG or WEBP image" },
        { Image("{\"base64\":\"data:image/png;base64,%%%\"}"), "datasetImage.base64 is not valid base64" },
        { Image("{\"url\":\"https://e.example/a.png\",\"base64\":\"data:image/png;base64,QUJD\"}"), "datasetImage must have exactly one of url or base64" },
        { Image("\"https://e.example/a.png\""), "datasetImage must be an object with a url or a base64" },
        { Image(Url("https://e.example/a.png"), ",\"voiceId\":7"), "voiceId must be a non-empty string" },
        { Image(Url("https://e.example/a.png")).Replace("\"IMAGE\"", "\"VIDEO\""), "type must be 'IMAGE' for image-based avatars" },
        { "{\"type\":\"IMAGE\",\"datasetImage\":{\"url\":\"https://e.example/a.png\"}}", "name is required" },
        { "{\"name\":\"Old\",\"datasetVideo\":{\"url\":\"https://e.example/d.mp4\"},\"consentVideo\":{\"url\":\"http://e.example/c.mp4\"}}", "consentVideo.url must be an https URL" },
        { "{\"name\":\"Old\",\"datasetVideo\":{\"url\":\"https://e.example/d.mp4\",\"size\":1}}", "property 'datasetVideo.size' is not allowed" },
        { "{\"name\":\"Old\",\"datasetVideo\":{\"url\":\"https://e.example/d.mp4\"},\"voiceId\":\"v\"}", "property 'voiceId' is not allowed" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABodyTheReferenceRefusesIs400WithTheDocumentedErrorBody(string json, string problem)
    {
        var (status, body) = await Post(json);

        Assert.Equal(400, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(new[] { "code", "message" }, error.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(400, error.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Validation error: " + problem, error.RootElement.GetProperty("message").GetString());
        Assert.Equal(400, Assert.Single(_server.Journal).StatusCode);
        Assert.Equal(3, JsonDocument.Parse(_server.Avatars.List(new System.Collections.Generic.Dictionary<string, string>()).Body).RootElement.GetArrayLength()); // nothing created
    }

    [Fact]
    public async Task NamesAndExtrasAreCountedInCharactersAsJsonSchemaCountsThem()
    {
        // maxLength counts code points: 256 emoji are 512 UTF-16 units and still a valid name.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 256));
        var (status, body) = await Post(Image(Url("https://e.example/a.png"), $",\"extras\":{{\"mood\":\"{emoji}\"}}").Replace("\"Jane\"", "\"" + emoji + "\""));
        Assert.Equal(201, status);
        Assert.Equal(emoji, JsonDocument.Parse(body).RootElement.GetProperty("name").GetString());

        var (tooLong, error) = await Post(Image(Url("https://e.example/a.png")).Replace("\"Jane\"", "\"" + emoji + "\U0001F600\""));
        Assert.Equal(400, tooLong);
        Assert.Contains("name must have 1 to 256 characters (it has 257)", error);
    }

    [Theory]
    [InlineData("jpeg", 1280, 720, "ASPECT_RATIO_16_9")]
    [InlineData("jpg", 3840, 2160, "ASPECT_RATIO_16_9")]
    [InlineData("webp", 2160, 3840, "ASPECT_RATIO_9_16")]
    [InlineData("png", 720, 1280, "ASPECT_RATIO_9_16")]
    public async Task TheLimitsOfTheDocumentedRangeAreAccepted(string mime, int width, int height, string orientation)
    {
        var image = mime switch
        {
            "webp" => ImageInspectorTests.WebpVp8L(width, height),
            "png" => TestImages.Png(width, height),
            _ => TestImages.Jpeg(width, height),
        };
        var (status, body) = await Post(Image(Inline(image, mime), Extras(10, 256)));
        Assert.Equal(201, status);
        var avatar = JsonDocument.Parse(body).RootElement;
        Assert.Equal((width, height, orientation, "TRAINING"), (avatar.GetProperty("width").GetInt32(), avatar.GetProperty("height").GetInt32(), avatar.GetProperty("orientation").GetString(), avatar.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AVideoModeAvatarNeedsNoConsentVideoAndStartsNotTrained()
    {
        // §10.10: the old schema requires consentVideo, the newer page does not; the sandbox follows the newer.
        var (status, body) = await Post("{\"name\":\"Old\",\"datasetVideo\":{\"url\":\"https://e.example/d.mp4\"}}");
        Assert.Equal(201, status);
        var created = JsonDocument.Parse(body).RootElement;
        Assert.Equal("NOT_TRAINED", created.GetProperty("status").GetString());

        // On the lifecycle: NOT_TRAINED for 10 s, TRAINING for 30 s, then IDLE; updatedAt is each change.
        var id = created.GetProperty("id").GetString()!;
        var createdAt = created.GetProperty("createdAt").GetDateTime();
        string StatusAndUpdated()
        {
            var a = JsonDocument.Parse(_server.Avatars.Get(id).Body).RootElement;
            return a.GetProperty("status").GetString() + " +" + (a.GetProperty("updatedAt").GetDateTime() - createdAt).TotalSeconds;
        }
        _server.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("TRAINING +10", StatusAndUpdated());
        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("IDLE +40", StatusAndUpdated());
    }
}
