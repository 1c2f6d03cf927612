using System;
using System.IO;
using ArgilPS.Webhooks;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>ConvertFrom-ArgilWebhookEvent: the four documented payloads (argil-api.md §8.6), and everything else refused.</summary>
public class WebhookEventTests
{
    private static readonly PowerShellHost Host = new(); // no connection: the cmdlet needs none

    private static ScriptResult Convert(object body) =>
        Host.Run("$body | ConvertFrom-ArgilWebhookEvent", new Dictionary<string, object?> { ["body"] = body });

    private static WebhookEvent One(string body)
    {
        var r = Convert(body);
        Assert.Empty(r.Errors);
        return Assert.Single(r.Objects<WebhookEvent>());
    }

    [Fact]
    public void ReadsVideoGenerationSuccessAsDocumented()
    {
        const string body = "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v1\",\"videoName\":\"Welcome\",\"videoUrl\":\"https://cdn.example.com/v1.mp4\",\"extras\":{\"team\":\"hr\",\"n\":\"4\"}}}";
        var e = One(body);
        Assert.Equal("VIDEO_GENERATION_SUCCESS", e.Event);
        Assert.Equal(("v1", "Welcome", "https://cdn.example.com/v1.mp4"), (e.VideoId, e.VideoName, e.VideoUrl));
        Assert.Null(e.AvatarId);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "hr", ["n"] = "4" }, e.Extras);
        Assert.True(e.IsSuccess);
        Assert.True(e.IsVideoEvent);
        Assert.Equal("v1", e.Id);
        Assert.Equal(body, e.RawBody);
    }

    [Fact]
    public void ReadsVideoGenerationFailedWithItsVideoUrl()
    {
        var e = One("{\"event\":\"VIDEO_GENERATION_FAILED\",\"data\":{\"videoId\":\"v2\",\"videoName\":\"Broken\",\"videoUrl\":\"https://cdn.example.com/v2.mp4\",\"extras\":{}}}");
        Assert.Equal(("VIDEO_GENERATION_FAILED", "v2", "https://cdn.example.com/v2.mp4"), (e.Event, e.VideoId, e.VideoUrl));
        Assert.False(e.IsSuccess);
    }

    [Fact]
    public void ReadsAvatarTrainingSuccessWithItsVoice()
    {
        var e = One("{\"event\":\"AVATAR_TRAINING_SUCCESS\",\"data\":{\"avatarId\":\"a1\",\"voiceId\":\"voice-9\",\"avatarName\":\"Jane\",\"extras\":{\"employee\":\"4711\"}}}");
        Assert.Equal(("AVATAR_TRAINING_SUCCESS", "a1", "Jane", "voice-9"), (e.Event, e.AvatarId, e.AvatarName, e.VoiceId));
        Assert.Equal("4711", e.Extras["employee"]);
        Assert.Equal("a1", e.Id);
        Assert.False(e.IsVideoEvent);
    }

    [Fact]
    public void ReadsAvatarTrainingFailed()
    {
        var e = One("{\"event\":\"AVATAR_TRAINING_FAILED\",\"data\":{\"avatarId\":\"a2\",\"avatarName\":\"Refused\",\"extras\":{}}}");
        Assert.Equal(("AVATAR_TRAINING_FAILED", "a2", "Refused"), (e.Event, e.AvatarId, e.AvatarName));
        Assert.Null(e.VoiceId);
    }

    [Theory]
    [InlineData("\"<additional_key-value_data_related_to_the_video>\"", "value", "<additional_key-value_data_related_to_the_video>")]
    [InlineData("\"{\\\"team\\\":\\\"hr\\\"}\"", "team", "hr")]
    public void ExtrasAsTheDocumentationsTextAreReadLeniently(string extras, string key, string value)
    {
        var e = One("{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\",\"extras\":" + extras + "}}");
        Assert.Equal(value, e.Extras[key]);
    }

    [Fact]
    public void TakesBytesAParsedHashtableTheLegacyLowerCaseNameAndUnknownFields()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"vé\"}}")).ToArray();
        Assert.Equal("vé", Assert.Single(Host.Run("ConvertFrom-ArgilWebhookEvent -Body $b", new Dictionary<string, object?> { ["b"] = bytes }).Objects<WebhookEvent>()).VideoId);
        var parsed = Host.Run("ConvertFrom-ArgilWebhookEvent -Body @{ event = 'AVATAR_TRAINING_SUCCESS'; data = @{ avatarId = 'a3'; extras = @{ k = 'v' } } }");
        Assert.Empty(parsed.Errors);
        Assert.Equal("v", Assert.Single(parsed.Objects<WebhookEvent>()).Extras["k"]);
        var e = One("{\"event\":\"video_generation_failed\",\"data\":{\"videoId\":\"v\",\"duration\":12,\"new\":{}},\"signature\":\"x\"}");
        Assert.Equal("VIDEO_GENERATION_FAILED", e.Event);
        var piped = Host.Run("[pscustomobject]@{ Body = '{\"event\":\"AVATAR_TRAINING_FAILED\",\"data\":{\"avatarId\":\"a\"}}' } | ConvertFrom-ArgilWebhookEvent");
        Assert.Single(piped.Objects<WebhookEvent>());
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "", "the body is empty" },
        { "   ", "the body is empty" },
        { "not json at all", "the body is not JSON (it is 'not json at all')" },
        { "{\"event\":", "the body is not JSON" },
        { "[1,2]", "the body is a list, not a JSON object" },
        { "\"VIDEO_GENERATION_SUCCESS\"", "the body is text, not a JSON object" },
        { "{\"data\":{\"videoId\":\"v\"}}", "the body has no 'event'" },
        { "{\"event\":7,\"data\":{}}", "'event' is a number, not text" },
        { "{\"event\":\"VIDEO_DELETED\",\"data\":{}}", "'event' is 'VIDEO_DELETED', not one of the Argil events" },
        { "{\"event\":\"AVATAR_GENERATION_FAILED\",\"data\":{\"avatarId\":\"a\"}}", "not one of the Argil events" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\"}", "the VIDEO_GENERATION_SUCCESS event has no 'data'" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":\"v1\"}", "'data' of the VIDEO_GENERATION_SUCCESS event is text, not an object" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"avatarId\":\"a\"}}", "'data' of the VIDEO_GENERATION_SUCCESS event has no 'videoId'" },
        { "{\"event\":\"AVATAR_TRAINING_SUCCESS\",\"data\":{\"videoId\":\"v\"}}", "has no 'avatarId'" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":42}}", "'data.videoId' of the VIDEO_GENERATION_SUCCESS event is a number, not text" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"  \"}}", "'data.videoId' of the VIDEO_GENERATION_SUCCESS event is empty" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\",\"videoUrl\":[]}}", "'data.videoUrl' of the VIDEO_GENERATION_SUCCESS event is a list, not text" },
        { "{\"event\":\"AVATAR_TRAINING_SUCCESS\",\"data\":{\"avatarId\":\"a\",\"voiceId\":true}}", "'data.voiceId' of the AVATAR_TRAINING_SUCCESS event is true or false, not text" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\",\"extras\":[\"a\"]}}", "'data.extras' of the VIDEO_GENERATION_SUCCESS event is a list, not an object of key-value pairs" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\",\"extras\":{\"n\":5}}}", "'data.extras.n' of the VIDEO_GENERATION_SUCCESS event is a number, not text" },
        { new string('[', 40) + new string(']', 40), "nested more than 8 levels deep" },
        { "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\",\"x\":[[[[[[[[1]]]]]]]]}}", "nested more than 8 levels deep" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AnythingElseIsANonTerminatingInvalidWebhookEventSayingWhatIsWrong(string body, string problem)
    {
        var r = Convert(body);
        Assert.Null(r.Terminating);
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidWebhookEvent,ArgilPS.Commands.ConvertFromArgilWebhookEventCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.StartsWith("The body is not an Argil webhook event: ", error.ToString());
        Assert.Contains(problem, error.ToString());
    }

    [Fact]
    public void AHugeBodyIsRefusedByItsSizeAndNeverEchoedWhole()
    {
        var huge = "{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";
        var error = Assert.Single(Convert(huge).Errors);
        Assert.Contains("longer than 1,048,576 characters; an Argil event is a small JSON object, and at most 1,048,576 characters are read", error.ToString());
        Assert.True(error.ToString().Length < 400);
    }

    [Fact]
    public void TakesTheRequestsBodyStreamAsUtf8AndLeavesItOpen()
    {
        var stream = new MemoryStream(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"vé\"}}")).ToArray());
        var r = Host.Run("ConvertFrom-ArgilWebhookEvent -Body $stream", new Dictionary<string, object?> { ["stream"] = stream });
        Assert.Empty(r.Errors);
        Assert.Equal("vé", Assert.Single(r.Objects<WebhookEvent>()).VideoId);
        Assert.True(stream.CanRead); // the receiver's stream: not closed
    }

    [Fact]
    public void AnEndlessBodyStreamIsReadOnlyToTheLimitAndRefusedByItsSize()
    {
        var endless = new EndlessStream();
        var r = Host.Run("ConvertFrom-ArgilWebhookEvent -Body $stream", new Dictionary<string, object?> { ["stream"] = endless });
        var error = Assert.Single(r.Errors);
        Assert.Contains("longer than 1,048,576 characters", error.ToString());
        Assert.True(error.ToString().Length < 400);
        // One character past the limit, and the reader's buffer: never the whole body.
        Assert.InRange(endless.BytesRead, WebhookEventReader.MaximumBodyLength + 1, WebhookEventReader.MaximumBodyLength + 16 * 1024);
    }

    [Fact]
    public void ABodyStreamThatStopsArrivingIsGivenUpAfterThePatienceAndReportedLikeAnyUnreadableBody()
    {
        var patience = ArgilPS.Commands.WebhookBodyTransformationAttribute.BodyStreamPatience;
        ArgilPS.Commands.WebhookBodyTransformationAttribute.BodyStreamPatience = TimeSpan.FromMilliseconds(300);
        try
        {
            // '{"event":' then nothing more, and the read never ends (as a sender that stopped sending).
            var stalled = new StalledStream(System.Text.Encoding.UTF8.GetBytes("{\"event\":"));
            var r = Host.Run("ConvertFrom-ArgilWebhookEvent -Body $stream; 'next'", new Dictionary<string, object?> { ["stream"] = stalled });
            var error = Assert.Single(r.Errors);
            Assert.Equal("InvalidWebhookEvent,ArgilPS.Commands.ConvertFromArgilWebhookEventCommand", error.FullyQualifiedErrorId);
            Assert.Contains("the body did not arrive within 0.3 seconds (the sender stopped sending it)", error.ToString());
            Assert.Contains("next", r.Output.Select(o => o.ToString())); // a non-terminating error: the receiver goes on
        }
        finally
        {
            ArgilPS.Commands.WebhookBodyTransformationAttribute.BodyStreamPatience = patience;
        }
    }

    [Fact]
    public void ABodyStreamIsReadAsUtf8OnlyAsBytesAre()
    {
        // UTF-16 with its byte-order mark is not guessed: the same bytes are refused from a stream and as bytes.
        var utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v1\"}}")).ToArray();
        var asBytes = Host.Run("ConvertFrom-ArgilWebhookEvent -Body $bytes", new Dictionary<string, object?> { ["bytes"] = utf16 });
        Assert.Contains("not JSON", Assert.Single(asBytes.Errors).ToString());
        var r = Host.Run("ConvertFrom-ArgilWebhookEvent -Body $stream", new Dictionary<string, object?> { ["stream"] = new MemoryStream(utf16) });
        Assert.Empty(r.Objects<WebhookEvent>());
        Assert.Contains("not JSON", Assert.Single(r.Errors).ToString());
    }

    [Fact]
    public void AClosedBodyStreamIsABindingErrorThatSaysSo()
    {
        var closed = new MemoryStream(new byte[] { (byte)'{' });
        closed.Dispose();
        var r = Host.Run("try { ConvertFrom-ArgilWebhookEvent -Body $stream } catch { $_.Exception.Message }", new Dictionary<string, object?> { ["stream"] = closed });
        Assert.Contains(r.Output.Select(o => o.ToString()), m => m.Contains("The body stream cannot be read: it is closed or write-only."));
    }

    /// <summary>A request body as a receiver gets it: read forward only.</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A request body of which some bytes arrive, then nothing, for ever: its reads never end.</summary>
    private sealed class StalledStream : ReadOnlyStream
    {
        private readonly byte[] _start;
        private int _sent;
        public StalledStream(byte[] start) => _start = start;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("only asynchronous reads");

        public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
        {
            if (_sent < _start.Length)
            {
                var n = Math.Min(count, _start.Length - _sent);
                Array.Copy(_start, _sent, buffer, offset, n);
                _sent += n;
                return System.Threading.Tasks.Task.FromResult(n);
            }
            // As HttpListener's request stream: the token is not heeded, the read waits for bytes that never come.
            return new System.Threading.Tasks.TaskCompletionSource<int>().Task;
        }
    }

    /// <summary>A request body that never ends: '{"event":"' then 'x' for ever, counting what was read.</summary>
    private sealed class EndlessStream : ReadOnlyStream
    {
        private static readonly byte[] Start = System.Text.Encoding.UTF8.GetBytes("{\"event\":\"");
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = BytesRead + i < Start.Length ? Start[BytesRead + i] : (byte)'x';
            BytesRead += count;
            return count;
        }
    }

    [Fact]
    public void TheExcerptOfARefusedBodyIsShortAndItsControlCharactersVisible()
    {
        var body = "\u001b]0;owned\u0007\u001b[2J" + new string('A', 500) + " SECRET-AT-THE-END";
        var error = Assert.Single(Convert(body).Errors);
        var text = error.ToString() + error.ErrorDetails.Message + error.Exception.Message;
        Assert.DoesNotContain(text, c => c == '\u001b' || c == '\u0007');
        Assert.Contains("␛", text);
        Assert.DoesNotContain("SECRET-AT-THE-END", text);
        Assert.Contains("…", text);
    }

    [Fact]
    public void EachBodyFromThePipelineIsConvertedOrRefusedOnItsOwn()
    {
        var r = Host.Run("'{\"event\":\"AVATAR_TRAINING_FAILED\",\"data\":{\"avatarId\":\"a\"}}', 'junk', '{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v\"}}' | ConvertFrom-ArgilWebhookEvent -ErrorVariable bad -ErrorAction SilentlyContinue; $bad.Count");
        Assert.Equal(new[] { "AVATAR_TRAINING_FAILED", "VIDEO_GENERATION_SUCCESS" }, r.Objects<WebhookEvent>().Select(e => e.Event));
        Assert.Equal(1, r.Output.Last().BaseObject);
    }
}
