using System;
using System.IO;
using System.Linq;
using System.Text;
using ArgilPS.Subtitles;
using Xunit;

namespace ArgilPS.Tests.Subtitles;

/// <summary>The name an exported subtitle file gets: from Content-Disposition when plain, else the video id; never a path.</summary>
public class SubtitleFileNameTests
{
    private const string Id = "c0a3a1d2-5b6e-4f7a-8b9c-0d1e2f3a4b5c";

    [Theory]
    [InlineData("attachment; filename=\"Weekly update.vtt\"", new[] { "Weekly update.vtt" })]
    [InlineData("attachment; filename=plain.ass", new[] { "plain.ass" })]
    [InlineData("attachment; filename=\"a \\\"quoted\\\" name.vtt\"", new[] { "a \"quoted\" name.vtt" })]
    [InlineData("attachment; filename=\"Caf_.vtt\"; filename*=UTF-8''Caf%C3%A9%20%E2%80%94%20%E6%97%A5%E6%9C%AC.vtt", new[] { "Café — 日本.vtt", "Caf_.vtt" })]
    [InlineData("attachment; filename*=utf-8'en'n%C3%A9.vtt", new[] { "né.vtt" })]
    [InlineData("attachment; filename*=ISO-8859-1''n%E9.vtt", new[] { "né.vtt" })]
    [InlineData("attachment; filename*=UTF-8''bad%ZZ.vtt; filename=\"fallback.vtt\"", new[] { "fallback.vtt" })]  // unreadable filename*
    [InlineData("attachment; filename*=UTF-8''%C3%28.vtt; filename=\"fallback.vtt\"", new[] { "fallback.vtt" })]   // invalid UTF-8
    [InlineData("attachment; filename*=KOI8-R''x.vtt", new string[0])]
    [InlineData("attachment", new string[0])]
    [InlineData("", new string[0])]
    [InlineData("inline; name=\"x\"; filename=\"semi;colon.vtt\"", new[] { "semi;colon.vtt" })]
    public void TheNamesOfAContentDispositionAreRead(string header, string[] expected)
    {
        Assert.Equal(expected, SubtitleFileName.FromContentDisposition(header));
    }

    [Theory]
    [InlineData("Weekly update.vtt", "vtt", "Weekly update.vtt")]
    [InlineData("Weekly update", "vtt", "Weekly update.vtt")]          // the extension is added
    [InlineData("Weekly update.VTT", "vtt", "Weekly update.vtt")]
    [InlineData("talk.srt", "ass", "talk.srt.ass")]                      // never another extension than the format's
    [InlineData("Part 1: intro?*.vtt", "vtt", "Part 1_ intro__.vtt")]     // characters a file name cannot hold
    [InlineData("<a|b>\".vtt", "vtt", "_a_b__.vtt")]
    [InlineData("trailing dots...", "vtt", "trailing dots.vtt")]
    [InlineData("日本語の字幕.vtt", "vtt", "日本語の字幕.vtt")]
    public void APlainSuggestedNameIsUsedWithInvalidCharactersReplaced(string suggested, string format, string expected)
    {
        Assert.Equal(expected, SubtitleFileName.Choose(new[] { suggested }, Id, format));
    }

    [Theory]
    [InlineData("../../evil.vtt")]
    [InlineData("..\\..\\evil.vtt")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("C:\\Windows\\System32\\evil.vtt")]
    [InlineData("sub/dir.vtt")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".bashrc")]
    [InlineData("...vtt")]
    [InlineData("evil\u202Etxt.vtt")]   // a right-to-left override that disguises the extension
    [InlineData("line\nbreak.vtt")]
    [InlineData("bell\u0007.vtt")]
    [InlineData("CON.vtt")]
    [InlineData("nul")]
    [InlineData("LPT1.ass")]
    [InlineData("___")]
    public void AHostileOrUnusableSuggestedNameGivesTheVideoIdName(string suggested)
    {
        Assert.Equal(Id + ".vtt", SubtitleFileName.Choose(new[] { suggested }, Id, "vtt"));
    }

    [Fact]
    public void TheFirstPlainCandidateWinsSoAnUnsafeFilenameStarFallsBackToFilename()
    {
        Assert.Equal("Weekly_ update.vtt", SubtitleFileName.Choose(new[] { "Weekly/ update.vtt", "Weekly_ update.vtt" }, Id, "vtt"));
        Assert.Equal(Id + ".ass", SubtitleFileName.Choose(Array.Empty<string>(), Id, "ass"));
    }

    [Theory]
    [InlineData("a/b:c", "a_b_c.vtt")]
    [InlineData("..x", "_.x.vtt")]
    [InlineData("///", "subtitles.vtt")]
    public void TheVideoIdNameIsCleanedToo(string id, string expected)
    {
        Assert.Equal(expected, SubtitleFileName.ForVideoId(id, "vtt"));
    }

    [Fact]
    public void ALongNameIsCutWithoutSplittingASurrogatePair()
    {
        var name = new string('a', 199) + "😀😀😀" + ".vtt";
        var chosen = SubtitleFileName.Choose(new[] { name }, Id, "vtt");
        Assert.Equal(new string('a', 199) + ".vtt", chosen);
    }

    [Fact]
    public void WhateverTheServerSuggestsTheFileStaysInTheFolder()
    {
        // Names made of what path tricks are made of: every result is one plain file name in the folder.
        const string pool = "ab./\\:*?\"<>|\u0000\u001b\u202e\u2028 _-~$%éЖ日😀";
        var folder = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "argilps-names"));
        var random = new Random(4711);
        for (var i = 0; i < 3000; i++)
        {
            var b = new StringBuilder();
            var length = random.Next(0, 12);
            for (var k = 0; k < length; k++) b.Append(pool[random.Next(pool.Length)]);
            var suggested = b.ToString();
            var id = random.Next(3) == 0 ? suggested : Id;
            var format = random.Next(2) == 0 ? "vtt" : "ass";

            var name = SubtitleFileName.Choose(new[] { suggested }, id, format);

            var where = $"«{suggested}» → «{name}»";
            Assert.EndsWith("." + format, name);
            Assert.Equal(name, Path.GetFileName(name));
            Assert.DoesNotContain(name, c => "/\\:*?\"<>|".IndexOf(c) >= 0 || char.IsControl(c) || c is '\u202e' or '\u2028');
            Assert.False(name.StartsWith(".", StringComparison.Ordinal), where);
            Assert.NotEqual(".." + "." + format, name);
            Assert.Equal(folder, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, name))));
        }
    }
}
