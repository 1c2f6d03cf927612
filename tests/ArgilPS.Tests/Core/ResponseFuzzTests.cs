using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Core;

/// <summary>
/// Thousands of broken, mutated and odd bodies through the client's whole response path (a fake
/// handler answering 200): each gives an Avatar or an UnexpectedResponse, never any other exception.
/// </summary>
public class ResponseFuzzTests
{
    private const int Seed = 31337;
    private const int Iterations = 5000;
    private readonly ITestOutputHelper _output;

    public ResponseFuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly string Valid =
        "{\"id\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"name\":\"Léa\",\"actorName\":\"Léa\",\"createdAt\":\"2025-01-01T00:00:00.000Z\"," +
        "\"updatedAt\":\"2025-01-02T00:00:00.000Z\",\"gestures\":[{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},null]," +
        "\"status\":\"IDLE\",\"width\":1920,\"height\":1080,\"thumbnailUrl\":\"https://x.invalid/t.jpg\",\"coverImageUrl\":\"https://x.invalid/c.jpg\"," +
        "\"extras\":{\"team\":\"sales\",\"n\":1},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}";

    private static readonly string[] Values =
    {
        "null", "true", "false", "0", "-0", "1e400", "-1e400", "1e-400", "99999999999999999999999999999", "2147483647.6", "-2147483648.6",
        "\"\"", "\"x\"", "\"1920\"", "\"1e999\"", "\"NaN\"", "\"-Infinity\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\"",
        "[]", "{}", "[null]", "[1,\"a\",{}]", "{\"a\":{\"b\":[]}}", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59.9999999-14:00\"",
        "\"2025-02-30T00:00:00Z\"", "NaN", "Infinity", "01", "1.", ".5", "+1", "0x10", "'single'", "undefined",
    };

    private static readonly string[] Fields =
    {
        "id", "name", "actorName", "createdAt", "createAt", "updatedAt", "gestures", "status", "width", "height", "thumbnailUrl",
        "coverImageUrl", "extras", "orientation", "model", "ID", "Extras", "startFrame", "label", "slug",
    };

    /// <summary>One fuzzed body, as raw bytes (so invalid UTF-8 is possible).</summary>
    private static byte[] Mutate(Random r, string seed)
    {
        var text = seed;
        if (text.Length == 0) return Array.Empty<byte>();
        switch (r.Next(14))
        {
            case 0: // delete a run
            {
                var at = r.Next(text.Length);
                return Utf8(text.Remove(at, Math.Min(r.Next(1, 10), text.Length - at)));
            }
            case 1: // duplicate a slice somewhere
            {
                var from = r.Next(text.Length);
                var slice = text.Substring(from, Math.Min(r.Next(1, 40), text.Length - from));
                return Utf8(text.Insert(r.Next(text.Length + 1), slice));
            }
            case 2: // flip characters
            {
                var chars = text.ToCharArray();
                const string Alphabet = "{}[]\":,\\ 0a-.eE\n\u00e9\u4e2d";
                for (var n = r.Next(1, 6); n > 0; n--) chars[r.Next(chars.Length)] = Alphabet[r.Next(Alphabet.Length)];
                return Utf8(new string(chars));
            }
            case 3: // truncate
                return Utf8(text.Substring(0, r.Next(text.Length)));
            case 4: // change the type of a field's value
            {
                var field = Fields[r.Next(Fields.Length)];
                return Utf8(ReplaceValue(text, field, Values[r.Next(Values.Length)]));
            }
            case 5: // add a field with an odd value, or duplicate one
            {
                var field = Fields[r.Next(Fields.Length)];
                return Utf8(text.Insert(1, $"\"{field}\":{Values[r.Next(Values.Length)]},"));
            }
            case 6: // deep nesting, in a field or as the whole body
            {
                var depth = r.Next(1, 400);
                var open = r.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                return Utf8(r.Next(3) == 0 ? nested : ReplaceValue(text, Fields[r.Next(Fields.Length)], nested));
            }
            case 7: // huge numbers and long strings
            {
                var huge = r.Next(2) == 0 ? new string('9', r.Next(20, 2000)) : "\"" + new string('x', r.Next(1000, 100000)) + "\"";
                return Utf8(ReplaceValue(text, Fields[r.Next(Fields.Length)], huge));
            }
            case 8: // invalid UTF-8 bytes spliced into the raw body
            {
                var bytes = Utf8(text).ToList();
                byte[][] bad = { new byte[] { 0xFF }, new byte[] { 0xC3, 0x28 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0 } };
                for (var n = r.Next(1, 4); n > 0; n--) bytes.InsertRange(r.Next(bytes.Count + 1), bad[r.Next(bad.Length)]);
                return bytes.ToArray();
            }
            case 9: // pure random bytes
            {
                var bytes = new byte[r.Next(0, 200)];
                r.NextBytes(bytes);
                return bytes;
            }
            case 10: // random JSON-ish tokens
            {
                var sb = new StringBuilder();
                for (var n = r.Next(1, 40); n > 0; n--) sb.Append(new[] { "{", "}", "[", "]", ",", ":", "\"id\"", "\"a\"", "1", "null", " ", "\"" }[r.Next(12)]);
                return Utf8(sb.ToString());
            }
            case 11: // wrappers: BOM, whitespace, HTML, several documents
            {
                string[] wraps = { "\uFEFF" + text, "\n\t " + text + "\r\n", "<html>" + text + "</html>", text + text, "[" + text + "]", "\"" + text + "\"", text + "\0" };
                return Utf8(wraps[r.Next(wraps.Length)]);
            }
            case 12: // several mutations in a row
                return Mutate(r, Encoding.UTF8.GetString(Mutate(r, Encoding.UTF8.GetString(Mutate(r, text)))));
            default: // the valid body, untouched
                return Utf8(text);
        }
    }

    private static string ReplaceValue(string json, string field, string value)
    {
        var key = "\"" + field + "\":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return json.Insert(1, key + value + ",");
        var start = at + key.Length;
        // Replace up to the next top-level comma or closing brace: rough on purpose.
        var depth = 0;
        var end = start;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) break; depth--; }
            else if (c == ',' && depth == 0) break;
        }
        return json.Substring(0, start) + value + json.Substring(end);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task EveryBodyGivesAnAvatarOrAnUnexpectedResponse()
    {
        var random = new Random(Seed);
        byte[] current = Array.Empty<byte>();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(current) });
        var client = ClientFactory.WithStub(handler);
        var counts = new Dictionary<string, int>();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < Iterations; i++)
        {
            var asList = i % 4 == 3;
            current = Mutate(random, asList ? "[" + Valid + "," + Valid + "]" : Valid);
            string outcome;
            try
            {
                if (asList) await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);
                else await client.GetAvatarAsync("a", NullRequestLog.Instance, default);
                outcome = "Avatar";
            }
            catch (ArgilApiException e) when (e.Kind == ApiFailureKind.UnexpectedResponse && e.StatusCode == 200)
            {
                outcome = "UnexpectedResponse";
            }
            catch (Exception e)
            {
                outcome = "other";
                if (failures.Count < 5)
                    failures.Add($"#{i}: {e.GetType().Name}: {e.Message}\n  body: {Convert.ToBase64String(current.Take(300).ToArray())}");
            }
            counts[outcome] = counts.TryGetValue(outcome, out var c) ? c + 1 : 1;
        }
        watch.Stop();

        _output.WriteLine($"{Iterations} bodies in {watch.ElapsedMilliseconds} ms: " + string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Iterations, handler.Calls);
        // The fuzz must reach both outcomes substantially, or it tests nothing.
        Assert.True(counts.GetValueOrDefault("Avatar") > Iterations / 10, $"only {counts.GetValueOrDefault("Avatar")} avatars");
        Assert.True(counts.GetValueOrDefault("UnexpectedResponse") > Iterations / 4, $"only {counts.GetValueOrDefault("UnexpectedResponse")} failures");
    }

    [Fact]
    public void TheMapperAloneNeverThrowsAnythingButFormatException()
    {
        // The mapper is fed well-formed JSON of odd values (what a changed or hostile API could send);
        // each avatar must map, or fail as FormatException (no id), or as InvalidOperationException for
        // text that is not Unicode (a lone surrogate escaped), which the client reports as UnexpectedResponse.
        var random = new Random(Seed);
        string?[] numbers = { null, "0", "-1", "1920.4999", "1920.5", "\"NaN\"", "\"Infinity\"", "1.7976931348623157E+308", "2147483647.4", "-2147483648.4", "1e-300", "\"1920\"", "\"x\"", "true", "[]", "{}" };
        string?[] texts = { null, "\"\"", "\" \"", "\"x\"", "\"2025-01-01\"", "\"2025-13-45T99:99:99Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
            "\"\\u0000\"", "\"\\ud800\"", "1", "false", "[\"a\"]", "{\"k\":1}", "\"IDLE\"", "\"\\u0049DLE\"" };
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 3000; i++)
        {
            var fields = new List<string>();
            void Add(string name, string?[] values)
            {
                if (random.Next(5) == 0) return; // absent
                var value = values[random.Next(values.Length)];
                // Names in any case: the documented spelling, upper case, or escaped.
                var spelled = random.Next(4) switch { 0 => name.ToUpperInvariant(), 1 => "\\u00" + ((int)name[0]).ToString("x2") + name.Substring(1), _ => name };
                fields.Add($"\"{spelled}\":{value ?? "null"}");
            }
            Add("id", texts);
            Add("name", texts);
            Add("status", texts);
            Add("width", numbers);
            Add("height", numbers);
            Add("createdAt", texts);
            Add("createAt", texts);
            Add("updatedAt", texts);
            Add("extras", texts);
            if (random.Next(3) > 0) fields.Add($"\"gestures\":[null,{{\"slug\":{texts[random.Next(texts.Length)] ?? "null"},\"startFrame\":{numbers[random.Next(numbers.Length)] ?? "null"}}},{texts[random.Next(texts.Length)] ?? "null"}]");
            var body = "{" + string.Join(",", fields) + "}";
            string outcome;
            try
            {
                var avatar = AvatarMapper.ReadAvatar(body, _ => { })!;
                Assert.False(string.IsNullOrEmpty(avatar.Id), body);
                Assert.NotNull(avatar.Name);
                Assert.NotNull(avatar.Status);
                Assert.NotNull(avatar.Gestures);
                Assert.NotNull(avatar.Extras);
                Assert.True(avatar.CreatedAt is null || avatar.CreatedAt.Value.Kind == DateTimeKind.Utc, body);
                outcome = "Avatar";
            }
            catch (FormatException e)
            {
                Assert.Equal("The avatar has no id.", e.Message);
                outcome = "FormatException";
            }
            catch (InvalidOperationException)
            {
                Assert.Contains("\\ud800", body);
                outcome = "InvalidOperationException";
            }
            counts[outcome] = counts.TryGetValue(outcome, out var c) ? c + 1 : 1;
        }
        _output.WriteLine(string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}")));
        // The fuzz must reach each outcome, or it tests nothing.
        Assert.True(counts.GetValueOrDefault("Avatar") > 300, $"only {counts.GetValueOrDefault("Avatar")} avatars");
        Assert.True(counts.GetValueOrDefault("FormatException") > 300, $"only {counts.GetValueOrDefault("FormatException")} without id");
    }
}
