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
}
