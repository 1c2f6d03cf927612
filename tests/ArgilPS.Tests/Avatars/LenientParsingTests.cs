using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Commands;
using Xunit;
using ArgilPS.Tests.Core;

namespace ArgilPS.Tests.Avatars;

/// <summary>What the API sends is read leniently: what it adds later or spells differently never fails a call.</summary>
public class LenientParsingTests
{
    private static Task<Avatar> Get(string body) =>
        ClientFactory.WithStub(StubHandler.Json(200, body)).GetAvatarAsync("a", NullRequestLog.Instance, default);

    private static Task<System.Collections.Generic.IReadOnlyList<Avatar>> List(string body) =>
        ClientFactory.WithStub(StubHandler.Json(200, body)).ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);

    [Fact]
    public async Task BothSpellingsOfTheCreationTimeAreRead()
    {
        var legacy = await Get("{\"id\":\"a\",\"createAt\":\"2024-05-01T10:00:00.000Z\"}");
        var current = await Get("{\"id\":\"a\",\"createdAt\":\"2024-05-01T12:00:00+02:00\",\"updatedAt\":\"2024-05-02T00:00:00Z\"}");
        var both = await Get("{\"id\":\"a\",\"createAt\":\"2000-01-01T00:00:00Z\",\"createdAt\":\"2024-05-01T10:00:00Z\"}");

        var expected = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, legacy.CreatedAt);
        Assert.Equal(expected, current.CreatedAt); // converted to UTC
        Assert.Equal(DateTimeKind.Utc, current.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), current.UpdatedAt);
        Assert.Equal(expected, both.CreatedAt); // the documented spelling wins
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00", 10)]          // no offset: taken as UTC, as the API means
    [InlineData("2024-05-01T10:00:00.1234567Z", 10)]
    [InlineData("2024-05-01T13:30:00+03:30", 10)]    // an offset other than the machine's own
    [InlineData("2024-05-01T00:00:00-10:00", 10)]
    [InlineData("2024-05-01", 0)]                    // a date alone is midnight UTC
    [InlineData("May 1, 2024 10:00:00 AM", 10)]      // not ISO 8601: read as .NET reads it, in UTC
    public async Task TimesAreReadInUtcWhateverTheirFormAndTheMachinesZone(string value, int hour)
    {
        var avatar = await Get("{\"id\":\"a\",\"createdAt\":\"" + value + "\"}");
        Assert.Equal(DateTimeKind.Utc, avatar.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2024, 5, 1, hour, 0, 0, DateTimeKind.Utc), avatar.CreatedAt.Value.AddTicks(-(avatar.CreatedAt.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public async Task AnUnreadableCreatedAtGivesWayToTheOlderCreateAt(string createdAt)
    {
        // The older spelling is still a creation time: it is used when the documented one cannot be read.
        var avatar = await Get("{\"id\":\"a\",\"createdAt\":" + createdAt + ",\"createAt\":\"2024-01-01T00:00:00Z\"}");
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), avatar.CreatedAt);
    }

    [Fact]
    public async Task NamesWrittenWithEscapesOrInAnotherCaseAreRead()
    {
        var avatar = await Get("{\"\\u0069d\":\"a\",\"STATUS\":\"IDLE\",\"Thumbnail\\u0055rl\":\"https://t\",\"createdat\":\"2024-05-01T10:00:00Z\"}");
        Assert.Equal(("a", "IDLE", "https://t"), (avatar.Id, avatar.Status, avatar.ThumbnailUrl));
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), avatar.CreatedAt);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("\"9999-12-31T23:59:59-14:00\"")] // past the end of DateTime in UTC
    public async Task AnUnreadableTimeIsUnknownNotAFailure(string value)
    {
        var avatar = await Get("{\"id\":\"a\",\"createdAt\":" + value + "}");
        Assert.Null(avatar.CreatedAt);
    }

    [Fact]
    public async Task UnknownFieldsAreIgnored()
    {
        var avatar = await Get("{\"id\":\"a\",\"name\":\"n\",\"voice\":{\"id\":\"v\",\"tags\":[1,2,{}]},\"isFavorite\":true,\"score\":1e300,\"future\":null,\"nested\":[[[[]]]]}");
        Assert.Equal(("a", "n"), (avatar.Id, avatar.Name));
    }

    [Theory]
    [InlineData("QUEUED_FOR_TRAINING", false)]
    [InlineData("ARCHIVED", false)]
    [InlineData("idle", true)]
    [InlineData("IDLE", true)]
    [InlineData("", false)]
    public async Task UnknownStatusesPassThroughUnchanged(string status, bool ready)
    {
        var avatar = await Get("{\"id\":\"a\",\"status\":\"" + status + "\"}");
        Assert.Equal(status, avatar.Status);
        Assert.Equal(ready, avatar.IsReady);
    }

    [Fact]
    public async Task NumbersMayComeAsStringsAndAreRounded()
    {
        var avatar = await Get("{\"id\":\"a\",\"width\":\"1920\",\"height\":1079.6,\"gestures\":[{\"slug\":\"wave\",\"startFrame\":\"12.5\"}]}");
        Assert.Equal(1920, avatar.Width);
        Assert.Equal(1080, avatar.Height);
        Assert.Equal(12.5, avatar.Gestures.Single().StartFrame);
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("-1e20")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("null")]
    public async Task SizesOutsideAnIntAreUnknown(string value)
    {
        var avatar = await Get("{\"id\":\"a\",\"width\":" + value + "}");
        Assert.Null(avatar.Width);
    }

    [Fact]
    public async Task SizesAtTheEdgesOfAnIntDoNotWrapAround()
    {
        var avatar = await Get("{\"id\":\"a\",\"width\":2147483647,\"height\":2147483647.6}");
        Assert.Equal(int.MaxValue, avatar.Width);
        Assert.Null(avatar.Height);
        var low = await Get("{\"id\":\"a\",\"width\":-2147483647.6,\"height\":-2147483648.4}");
        Assert.Equal(int.MinValue, low.Width);
        Assert.Null(low.Height);
    }

    [Fact]
    public async Task ExtrasWithValuesOfAnyTypeBecomeText()
    {
        var avatar = await Get("{\"id\":\"a\",\"extras\":{\"s\":\"text\",\"n\":42,\"f\":1.5,\"b\":true,\"z\":null,\"o\":{\"k\":[1,\"x\"]},\"a\":[]}}");
        Assert.Equal("text", avatar.Extras["s"]);
        Assert.Equal("42", avatar.Extras["n"]);
        Assert.Equal("1.5", avatar.Extras["f"]);
        Assert.Equal("true", avatar.Extras["b"]);
        Assert.Equal("", avatar.Extras["z"]);
        Assert.Equal("{\"k\":[1,\"x\"]}", avatar.Extras["o"]);
        Assert.Equal("[]", avatar.Extras["a"]);
    }

    [Fact]
    public async Task NullGesturesAndNullCollectionsAreSkipped()
    {
        var withNulls = await Get("{\"id\":\"a\",\"gestures\":[null,{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},null]}");
        Assert.Equal("wave", Assert.Single(withNulls.Gestures).Slug);

        var none = await Get("{\"id\":\"a\",\"gestures\":null,\"extras\":null,\"name\":null,\"status\":null}");
        Assert.Empty(none.Gestures);
        Assert.Empty(none.Extras);
        Assert.Equal("", none.Name);
        Assert.Equal("", none.Status);
    }

    [Fact]
    public async Task CaseCommentsAndTrailingCommasAreTolerated()
    {
        var avatar = await Get("{\n // a proxy's annotation\n \"ID\": \"a\", \"Name\": \"n\", \"extras\": {\"k\": \"v\",},\n}");
        Assert.Equal(("a", "n", "v"), (avatar.Id, avatar.Name, avatar.Extras["k"]));
    }

    [Fact]
    public async Task AByteOrderMarkBeforeTheJsonIsTolerated()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"id\":\"bom\"}")).ToArray();
        var avatar = await ClientFactory.WithStub(StubHandler.Bytes(200, body)).GetAvatarAsync("a", NullRequestLog.Instance, default);
        Assert.Equal("bom", avatar.Id);
    }

    [Fact]
    public async Task NonAsciiTextIsReadAsUtf8()
    {
        var avatar = await Get("{\"id\":\"a\",\"name\":\"Léa – 日本 🎬\"}");
        Assert.Equal("Léa – 日本 🎬", avatar.Name);
    }

    [Theory]
    [InlineData("{\"name\":\"no id\"}")]
    [InlineData("{\"id\":\"\"}")]
    [InlineData("{\"id\":null}")]
    [InlineData("{}")]
    public async Task AnAvatarWithoutIdIsAnUnexpectedResponse(string body)
    {
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Get(body));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Equal(200, e.StatusCode);
        Assert.Contains("JSON of an unexpected shape", e.Message);
        Assert.Equal("GET", e.Method);
        Assert.Equal("/avatars/a", e.Path);
    }

    [Theory]
    [InlineData("null", "JSON of an unexpected shape")]
    [InlineData("[]", "JSON that could not be read")]
    [InlineData("\"text\"", "JSON that could not be read")]
    [InlineData("{\"id\":\"a\"} trailing", "JSON that could not be read")]
    [InlineData("   ", "an empty body")]
    [InlineData("<?xml version=\"1.0\"?><error/>", "an HTML page")]
    public async Task WrongShapesAreUnexpectedResponses(string body, string what)
    {
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Get(body));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Contains(what, e.Message);
    }

    /// <summary>Every field of Avatar, with a value of the wrong type: the field is unknown, the avatar is still returned, and -Debug says which field.</summary>
    [Theory]
    [InlineData("name", "1", "Name")]
    [InlineData("name", "[]", "Name")]
    [InlineData("actorName", "true", "ActorName")]
    [InlineData("status", "1", "Status")]
    [InlineData("orientation", "[]", "Orientation")]
    [InlineData("model", "{}", "Model")]
    [InlineData("width", "\"abc\"", "Width")]
    [InlineData("width", "true", "Width")]
    [InlineData("height", "[1080]", "Height")]
    [InlineData("thumbnailUrl", "5", "ThumbnailUrl")]
    [InlineData("coverImageUrl", "false", "CoverImageUrl")]
    [InlineData("createdAt", "1714557600000", "CreatedAt")]
    [InlineData("createAt", "{}", "CreatedAt")]
    [InlineData("updatedAt", "1714557600000", "UpdatedAt")]
    [InlineData("gestures", "1", "Gestures")]
    [InlineData("gestures", "{}", "Gestures")]
    [InlineData("extras", "[]", "Extras")]
    [InlineData("extras", "\"k=v\"", "Extras")]
    public async Task AFieldOfTheWrongTypeIsUnknownAndTheAvatarIsStillReturned(string field, string value, string property)
    {
        var log = new RecordingLog();
        var body = "{\"id\":\"a\",\"name\":\"n\",\"status\":\"IDLE\",\"width\":1920," +
                   "\"gestures\":[{\"slug\":\"wave\"}],\"extras\":{\"k\":\"v\"}," + "\"" + field + "\":" + value + "}";
        var avatar = await ClientFactory.WithStub(StubHandler.Json(200, body)).GetAvatarAsync("a", log, default);

        Assert.Equal("a", avatar.Id);
        var read = typeof(Avatar).GetProperty(property)!.GetValue(avatar);
        switch (read)
        {
            case string text: Assert.Equal("", text); break;        // Name and Status are never null
            case System.Collections.ICollection many: Assert.Empty(many); break; // Gestures and Extras are never null
            default: Assert.Null(read); break;
        }
        var line = Assert.Single(log.Of("Debug"), l => l.Contains("'" + field + "'"));
        Assert.Contains("it is read as", line);
    }

    [Fact]
    public async Task GestureFieldsOfTheWrongTypeAreUnknownAndOtherEntriesAreSkipped()
    {
        var log = new RecordingLog();
        var avatar = await ClientFactory.WithStub(StubHandler.Json(200,
                "{\"id\":\"a\",\"gestures\":[1,{\"label\":\"Wave\",\"slug\":2,\"startFrame\":\"abc\"},\"nod\",{\"label\":[],\"slug\":\"nod\",\"startFrame\":\"12\"}]}"))
            .GetAvatarAsync("a", log, default);

        Assert.Equal(2, avatar.Gestures.Count);
        Assert.Equal(("Wave", null, null), (avatar.Gestures[0].Label, avatar.Gestures[0].Slug, avatar.Gestures[0].StartFrame));
        Assert.Equal((null, "nod", 12.0), (avatar.Gestures[1].Label, avatar.Gestures[1].Slug, avatar.Gestures[1].StartFrame));
        Assert.Equal(5, log.Of("Debug").Count(l => l.StartsWith("The avatar:", StringComparison.Ordinal) && l.Contains("gesture")));
    }

    [Fact]
    public async Task AListIsReturnedWholeWhenOneAvatarHasAFieldOfTheWrongType()
    {
        var log = new RecordingLog();
        var avatars = await ClientFactory.WithStub(StubHandler.Json(200, "[{\"id\":\"a\",\"updatedAt\":1714557600000},{\"id\":\"b\",\"width\":\"abc\",\"extras\":[]}]"))
            .ListAvatarsAsync(new AvatarListFilter(), log, default);

        Assert.Equal(new[] { "a", "b" }, avatars.Select(a => a.Id));
        Assert.Contains(log.Of("Debug"), l => l.StartsWith("Avatar 1 of the list: the field 'updatedAt' is a number", StringComparison.Ordinal));
        Assert.Contains(log.Of("Debug"), l => l.StartsWith("Avatar 2 of the list: the field 'width' is text that is not one, not a number", StringComparison.Ordinal));
        Assert.Contains(log.Of("Debug"), l => l.StartsWith("Avatar 2 of the list: the field 'extras' is a list", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("[\"a\"]")]
    [InlineData("{}")]
    public async Task AnIdOfTheWrongTypeIsStillNoId(string value)
    {
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Get("{\"id\":" + value + "}"));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Contains("JSON of an unexpected shape", e.Message);
    }

    [Fact]
    public async Task ListsSkipNullEntriesButNotAvatarsWithoutId()
    {
        var avatars = await List("[null,{\"id\":\"a\"},{\"id\":\"b\",\"createAt\":\"2024-01-01T00:00:00Z\"}]");
        Assert.Equal(new[] { "a", "b" }, avatars.Select(a => a.Id));
        Assert.Empty(await List("[]"));

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => List("[{\"id\":\"a\"},{\"name\":\"nameless\"}]"));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        var o = await Assert.ThrowsAsync<ArgilApiException>(() => List("{\"items\":[]}"));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, o.Kind);
    }

    [Fact]
    public void TheErrorBodyIsReadLeniently()
    {
        Assert.Equal(("400", "bad"), ArgilHttpClient.ReadErrorBody("{\"code\":400,\"message\":\"bad\"}"));
        Assert.Equal(("E_X", "worse"), ArgilHttpClient.ReadErrorBody("{\"code\":\"E_X\",\"error\":\"worse\",\"extra\":[1]}"));
        Assert.Equal((null, null), ArgilHttpClient.ReadErrorBody("{\"message\":\"  \"}"));
        Assert.Equal((null, null), ArgilHttpClient.ReadErrorBody("{\"message\":"));
        Assert.Equal((null, null), ArgilHttpClient.ReadErrorBody("<html/>"));
        Assert.Equal((null, null), ArgilHttpClient.ReadErrorBody(""));
        Assert.Equal((null, null), ArgilHttpClient.ReadErrorBody("[1]"));
    }
}

public class NewAvatarRequestTests
{
    [Fact]
    public void ImageModeWritesOnlyTheFieldsThatAreSet()
    {
        var json = new NewAvatarRequest { Name = "Quote \" and ü", ImageUrl = "https://example.com/a.png" }.ToJson();
        // Valid JSON in UTF-8: the quote escaped, the ü as itself (the relaxed encoder keeps base64 '+' readable too).
        Assert.Equal("{\"type\":\"IMAGE\",\"name\":\"Quote \\\" and \u00FC\",\"datasetImage\":{\"url\":\"https://example.com/a.png\"}}", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Quote \" and ü", doc.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void ADataUriGoesInBase64AndVoiceAndExtrasFollow()
    {
        var json = new NewAvatarRequest
        {
            Name = "n", ImageUrl = "https://ignored.example", ImageDataUri = "data:image/png;base64,QUJD", VoiceId = "v1",
            Extras = new System.Collections.Generic.Dictionary<string, string> { ["team"] = "sales" },
        }.ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("data:image/png;base64,QUJD", root.GetProperty("datasetImage").GetProperty("base64").GetString());
        Assert.False(root.GetProperty("datasetImage").TryGetProperty("url", out _));
        Assert.Equal("v1", root.GetProperty("voiceId").GetString());
        Assert.Equal("sales", root.GetProperty("extras").GetProperty("team").GetString());
    }

    [Fact]
    public void VideoModeHasNoTypeAndNoVoice()
    {
        var json = new NewAvatarRequest { Name = "v", DatasetVideoUrl = "https://e.example/d.mp4", ConsentVideoUrl = "https://e.example/c.mp4", VoiceId = "ignored" }.ToJson();
        Assert.Equal("{\"name\":\"v\",\"datasetVideo\":{\"url\":\"https://e.example/d.mp4\"},\"consentVideo\":{\"url\":\"https://e.example/c.mp4\"}}", json);
        Assert.DoesNotContain("null", new NewAvatarRequest { Name = "v", DatasetVideoUrl = "https://e.example/d.mp4" }.ToJson());
    }
}

public class InputRulesTests
{
    [Theory]
    [InlineData("https://example.com/me.png", null)]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("me.png", "not an absolute URL")]
    [InlineData("http://example.com/me.png", "must use https://")]
    [InlineData("ftp://example.com/me.png", "must use https://")]
    [InlineData("file:///C:/me.png", "must use https://")]
    public void HttpsUrls(string url, string? broken)
    {
        var rule = InputRules.CheckHttpsUrl(url);
        if (broken is null) Assert.Null(rule);
        else Assert.Contains(broken, rule);
    }

    [Fact]
    public void ExtrasBecomeTextAndPowerShellWrappersAreRemoved()
    {
        var extras = InputRules.ToExtras(new Hashtable { ["n"] = 5, ["w"] = new PSObject("wrapped"), [new PSObject("k")] = 1.5, ["z"] = null }, out var error);
        Assert.Null(error);
        Assert.Equal("5", extras["n"]);
        Assert.Equal("wrapped", extras["w"]);
        Assert.Equal("1.5", extras["k"]);
        Assert.Equal("", extras["z"]);
        Assert.Empty(InputRules.ToExtras(null, out error));
        Assert.Null(error);
    }

    [Fact]
    public void ExtrasRules()
    {
        var eleven = new Hashtable();
        for (var i = 0; i < 11; i++) eleven["k" + i] = "v";
        InputRules.ToExtras(eleven, out var error);
        Assert.Contains("at most 10", error);

        var ten = new Hashtable();
        for (var i = 0; i < 10; i++) ten["k" + i] = new string('v', 256);
        Assert.Equal(10, InputRules.ToExtras(ten, out error).Count);
        Assert.Null(error);

        InputRules.ToExtras(new Hashtable { ["long"] = new string('v', 257) }, out error);
        Assert.Contains("'long' has 257 characters", error);
        InputRules.ToExtras(new Hashtable { [" "] = "v" }, out error);
        Assert.Contains("key is empty", error);
    }
}
