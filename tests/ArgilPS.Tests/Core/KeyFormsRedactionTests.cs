using System;
using System.Net;
using ArgilPS.Avatars;
using ArgilPS.Core;
using Xunit;

namespace ArgilPS.Tests.Core;

/// <summary>The key is masked as itself and in every form a path, a query or a JSON body gives it.</summary>
public class KeyFormsRedactionTests
{
    private const string Key = "ab+cd/ef=gh&ij%k\"q";

    [Theory]
    [InlineData("raw")]
    [InlineData("EscapeDataString")]
    [InlineData("lower hex")]
    [InlineData("form encoding")]
    [InlineData("mixed")]
    [InlineData("JSON")]
    public void EveryFormOfTheKeyIsMasked(string form)
    {
        var encoded = form switch
        {
            "raw" => Key,
            "EscapeDataString" => Uri.EscapeDataString(Key),
            "lower hex" => System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(Key), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()),
            "form encoding" => WebUtility.UrlEncode(Key),
            "mixed" => "ab%2bcd/ef%3Dgh%26ij%25k%22q",
            _ => System.Text.Json.JsonSerializer.Serialize(Key).Trim('"').Replace("/", "\\/"),
        };
        Assert.NotEqual(form == "raw" ? "" : Key, encoded);
        var text = $"GET /avatars/{encoded}?q={encoded} failed";
        Assert.Equal("GET /avatars/***?q=*** failed", Redactor.Redact(text, new ApiKey(Key)));
        Assert.Equal("GET /avatars/***?q=*** failed", Redactor.MaskKey(text, Key));
    }

    [Fact]
    public void AKeyWithLongRunsOfLettersIsMaskedJsonEscapedInsideALargeBody()
    {
        const string key = "argil_live+Zq8XkEY/SECRET=0123";
        var image = new string('A', 2_000_000) + "+/==";
        var body = System.Text.Json.JsonSerializer.Serialize(new { name = key, datasetImage = new { url = "data:image/png;base64," + image } });
        Assert.Contains("\\u002B", body);
        var masked = Redactor.Redact(body, new ApiKey(key));
        Assert.Contains("\"name\":\"***\"", masked);
        Assert.DoesNotContain("SECRET", masked);
    }

    [Fact]
    public void TextWithoutTheKeyIsLeftAlone()
    {
        const string text = "GET /avatars/ab%2Bcd?x=ab+cd 100% \\u0041";
        Assert.Same(text, Redactor.MaskKey(text, Key));
        Assert.Equal(text, Redactor.Redact(text, new ApiKey(Key)));
    }

    [Theory]
    [InlineData("percent")]
    [InlineData("json")]
    public void AKeyWithEveryCharacterEncodedIsMasked(string form)
    {
        const string key = "abcdEFGH1234ijkl";
        var encoded = string.Concat(System.Linq.Enumerable.Select(key, c => form == "percent" ? $"%{(int)c:X2}" : $"\\u{(int)c:x4}"));
        var text = $"{{\"message\":\"bad key {encoded}\"}}";
        Assert.Equal("{\"message\":\"bad key ***\"}", Redactor.Redact(text, new ApiKey(key)));
        Assert.Equal("{\"message\":\"bad key ***\"}", Redactor.MaskKey(text, key));
    }

    /// <summary>
    /// An excerpt of a huge body is cut before it is scanned (memory is what the excerpt needs, not
    /// what the body holds), and a key the cut splits in two leaves no part of itself behind.
    /// </summary>
    [Fact]
    public void AnExcerptOfAHugeBodyCostsWhatTheExcerptNeedsAndLeavesNoPartOfACutKey()
    {
        const string key = "argil_live_Zq8XkEYsecret0123";
        var body = new string('x', 20 * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var excerpt = Redactor.Excerpt(body, new ApiKey(key));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated for a 200-character excerpt of 20 MiB");
        Assert.StartsWith(new string('x', 200) + "… (", excerpt);

        // Every position of the key around where the text is cut before scanning.
        for (var at = 300; at < 1200; at++)
        {
            var text = new string('x', at) + key + new string('y', 5000);
            foreach (var shown in new[] { Redactor.Excerpt(text, new ApiKey(key)), Redactor.Redact(text, new ApiKey(key), 200), Redactor.Redact(text, new ApiKey(key), 600) })
                Assert.DoesNotContain("Zq8XkEY", shown);
        }
        // Many masks before the cut shorten the text: the cut part of a key still never shows.
        var crowded = string.Concat(System.Linq.Enumerable.Repeat(key + " ", 40)) + key;
        for (var cut = 150; cut < 400; cut += 7)
            Assert.DoesNotContain("Zq8XkEY", Redactor.Redact(crowded.Substring(0, crowded.Length), new ApiKey(key), cut));
    }
}
