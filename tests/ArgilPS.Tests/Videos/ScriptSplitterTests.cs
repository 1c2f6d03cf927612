using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ArgilPS.Videos;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// New-ArgilVideo -Script's splitter on its own: examples for each rule, then properties over several
/// hundred generated scripts (every moment within the limit, nothing lost or reordered, no cut inside a
/// word that fits, deterministic).
/// </summary>
public class ScriptSplitterTests
{
    // ---- Helpers ----

    private static int Chars(string text) => text.EnumerateRunes().Count();

    private static string[] Split(string script, int limit) => ScriptSplitter.Split(script, limit).ToArray();

    private const string Opening = "Good morning everyone.";

    /// <summary>
    /// <paramref name="sentence"/> is one sentence: after a short sentence, with a limit one short of both,
    /// a false sentence end inside it would let its first part join the sentence before.
    /// </summary>
    private static void AssertOneSentence(string sentence)
    {
        var limit = Chars(Opening) + Chars(sentence);
        Assert.Equal(new[] { Opening, sentence }, Split(Opening + " " + sentence, limit));
    }

    /// <summary>
    /// A sentence ends between <paramref name="first"/> and <paramref name="second"/>: with a limit one short
    /// of both, a missing end would fill the first moment with words of the second.
    /// </summary>
    private static void AssertSentenceEnd(string first, string second, string separator = " ")
    {
        // Whitespace between the two becomes one space in a moment; no whitespace stays none.
        var joined = separator.Length > 0 ? " " : separator;
        var limit = Chars(first) + Chars(joined) + Chars(second) - 1;
        Assert.Equal(new[] { first, second }, Split(first + separator + second, limit));
        Assert.Equal(new[] { first + joined + second }, Split(first + separator + second, limit + 1));
    }

    // ---- Packing whole sentences ----

    [Fact]
    public void AShortScriptIsOneMomentTrimmed()
    {
        Assert.Equal(new[] { "Hello there. How are you?" }, Split("  Hello there. How are you?\n", 250));
    }

    [Fact]
    public void WholeSentencesArePackedGreedily()
    {
        Assert.Equal(new[] { "One. Two.", "Three. Four.", "Five." }, Split("One. Two. Three. Four. Five.", 12));
    }

    [Fact]
    public void SentencesThatFitAreNeverCut()
    {
        var script = "The quick brown fox jumps. Over the lazy dog it goes. And then it rests, quietly, in the sun.";
        Assert.Equal(
            new[] { "The quick brown fox jumps.", "Over the lazy dog it goes.", "And then it rests, quietly, in the sun." },
            Split(script, 40));
    }

    [Fact]
    public void TheDefaultLimitIsTheDocumented250()
    {
        Assert.Equal(250, ScriptSplitter.DefaultMaxLength);
    }

    [Fact]
    public void RunsOfWhitespaceBecomeOneSpace()
    {
        Assert.Equal(new[] { "a b c d" }, Split("a  \t b\r\nc \u2003 d", 250));
    }

    // ---- Where sentences end ----

    [Theory]
    [InlineData("Hello there.", "How are you?")]
    [InlineData("Is it you?", "Yes!")]
    [InlineData("Stop!", "Now.")]
    [InlineData("\"Stop!\"", "He ran.")]
    [InlineData("(It was late.)", "We left.")]
    [InlineData("Wait...", "What happened?")]
    [InlineData("Wait…", "What happened?")]
    [InlineData("It costs $3.50.", "Then it rises.")]
    [InlineData("It was 1990.", "Then came 1991.")]
    [InlineData("Go to example.com.", "Now.")]
    [InlineData("We sell apples, pears etc.", "They are fresh.")]
    [InlineData("¿Dónde está el baño?", "¡Aquí mismo!")]
    [InlineData("¡Qué bonito!", "¿Verdad?")]
    [InlineData("مرحبا بك؟", "كيف حالك")]
    [InlineData("नमस्ते दुनिया।", "आप कैसे हैं")]
    [InlineData("Это хорошо!", "Да.")]
    [InlineData("The end.", "42 people came.")]
    public void ASentenceEndsAtItsMark(string first, string second)
    {
        AssertSentenceEnd(first, second);
    }

    [Theory]
    [InlineData("今天天气很好。", "我们去公园吧！")]
    [InlineData("本当ですか？", "はい、そうです。")]
    [InlineData("很好！", "谢谢。")]
    public void CjkMarksEndASentenceWithoutASpace(string first, string second)
    {
        AssertSentenceEnd(first, second, separator: "");
    }

    [Theory]
    [InlineData("Dr. Smith paid $3.50.")]
    [InlineData("Mr. and Mrs. Jones arrived at 10:30 sharp.")]
    [InlineData("We met in the U.S. office.")]
    [InlineData("Bring tools, e.g. a hammer, i.e. something heavy.")]
    [InlineData("Pi is 3.14159 roughly.")]
    [InlineData("Well... maybe not today.")]
    [InlineData("J. R. R. Tolkien wrote it.")]
    [InlineData("He said no. and then left.")]
    [InlineData("¿Qué? dijo él en voz baja.")]
    [InlineData("She has a Ph.D. from Oxford.")]
    [InlineData("Version 2.0.1 is out at www.example.com today.")]
    [InlineData("See Fig. 3 and No. 7 for details.")]
    public void AbbreviationsNumbersAndEllipsesDoNotEndASentence(string sentence)
    {
        AssertOneSentence(sentence);
    }

    [Fact]
    public void ABlankLineAlwaysEndsASentence()
    {
        AssertSentenceEnd("Introduction", "Welcome to the course", "\n\n");
        AssertSentenceEnd("Introduction", "welcome to the course", "\r\n  \r\n");
        AssertSentenceEnd("Introduction", "welcome to the course", "\u2029");
    }

    [Fact]
    public void ASingleLineBreakIsWhitespaceNotASentenceEnd()
    {
        Assert.Equal(new[] { "Hello world, this is one sentence." }, Split("Hello world,\nthis is one\nsentence.", 250));
        // Within a sentence too long for a moment, it is a clause boundary: the cut goes there.
        Assert.Equal(new[] { "first line without a stop", "second line without a stop" },
            Split("first line without a stop\nsecond line without a stop", 30));
    }

    // ---- Sentences longer than the limit ----

    [Fact]
    public void ALongSentenceIsCutAtAClauseBoundary()
    {
        // A word-by-word fill would give "This sentence is long, but it" (29).
        Assert.Equal(new[] { "This sentence is long,", "but it has a comma in it." },
            Split("This sentence is long, but it has a comma in it.", 30));
    }

    [Theory]
    [InlineData("First part; second part is here.", "First part;", "second part is here.")]
    [InlineData("First part: second part is here.", "First part:", "second part is here.")]
    [InlineData("First part — second part is here.", "First part —", "second part is here.")]
    [InlineData("First part - second part is here.", "First part -", "second part is here.")]
    [InlineData("أولا، ثانيا الجزء الثاني هنا.", "أولا،", "ثانيا الجزء الثاني هنا.")]
    public void OtherClauseMarksAreCutAfter(string sentence, string first, string second)
    {
        Assert.Equal(new[] { first, second }, Split(sentence, Math.Max(Chars(first), Chars(second)) + 2));
    }

    [Fact]
    public void AClauseMarkInsideAWordIsNotABoundary()
    {
        // "10:30" and "3,50" hold a mark with no space after: a cut there would be inside a word.
        var moments = Split("Meet me at 10:30 or pay 3,50 euros at the door tonight", 12);
        Assert.Contains("10:30", string.Join("|", moments));
        Assert.Contains("3,50", string.Join("|", moments));
    }

    [Fact]
    public void AClauseTooLongIsCutBetweenWords()
    {
        Assert.Equal(new[] { "alpha beta", "gamma delta", "epsilon" }, Split("alpha beta gamma delta epsilon", 11));
    }

    [Fact]
    public void ATextWithoutFullStopsIsCutAtWords()
    {
        var words = Enumerable.Range(0, 200).Select(i => "word" + i).ToArray();
        var moments = Split(string.Join(" ", words), 50);
        Assert.All(moments, m => Assert.InRange(Chars(m), 1, 50));
        Assert.Equal(words, moments.SelectMany(m => m.Split(' ')).ToArray());
    }

    [Fact]
    public void WhatFollowsALongSentenceMayJoinItsLastPiece()
    {
        Assert.Equal(new[] { "aaaa bbbb cccc", "dddd. Eeee." }, Split("aaaa bbbb cccc dddd. Eeee.", 14));
    }

    // ---- Text without spaces ----

    [Fact]
    public void ChineseIsCutAtItsCommasFirst()
    {
        Assert.Equal(new[] { "一二三四五、", "六七八九十" }, Split("一二三四五、六七八九十", 8));
        Assert.Equal(new[] { "我们今天，", "学习中文。" }, Split("我们今天，学习中文。", 7));
    }

    [Fact]
    public void ChineseWithoutPunctuationIsCutBetweenAnyCharacters()
    {
        Assert.Equal(new[] { "一二三", "四五六", "七八" }, Split("一二三四五六七八", 3));
    }

    [Fact]
    public void ClosingPunctuationAndSmallKanaStayWithTheCharacterBefore()
    {
        // A cut before "。", "」", "ー" or a small "っ" would start a moment with them.
        var moments = Split("「すごい」ちょっとコーヒー。", 3);
        Assert.All(moments, m => Assert.DoesNotMatch("^[。」ーっょ]", m));
        Assert.Equal("「すごい」ちょっとコーヒー。", string.Concat(moments));
    }

    [Fact]
    public void NoBreakSpacesGlueWords()
    {
        // French puts a no-break space before "!" and "?": a cut there would start a moment with "!".
        Assert.Equal(new[] { "Bonjour\u00A0!", "Ça va\u00A0?" }, Split("Bonjour\u00A0! Ça va\u00A0?", 10));
    }

    // ---- A word longer than the limit ----

    [Fact]
    public void AWordLongerThanTheLimitIsTheOnlyOneCutInside()
    {
        var url = "https://example.com/a/very/long/path/that/goes/on";
        var moments = Split("see " + url + " now", 20);
        Assert.Equal(new[] { "see", url.Substring(0, 20), url.Substring(20, 20), url.Substring(40) + " now" }, moments);
    }

    [Fact]
    public void ASurrogatePairIsNeverSplit()
    {
        Assert.Equal(new[] { "😀😀😀", "😀" }, Split("😀😀😀😀", 3));
        Assert.Equal(new[] { "𠀀𠀁", "𠀂" }, Split("𠀀𠀁𠀂", 2));
    }

    [Fact]
    public void ALetterAndItsCombiningMarksStayTogether()
    {
        Assert.Equal(new[] { "e\u0301e\u0301", "e\u0301" }, Split("e\u0301e\u0301e\u0301", 5));
        // A Devanagari vowel sign or virama never starts a moment.
        Assert.All(Split("नमस्ते", 2), m => Assert.DoesNotMatch("^[\u093E-\u094D]", m));
    }

    [Fact]
    public void ATextElementLongerThanTheLimitIsCutBetweenCodePoints()
    {
        // A family emoji is 5 code points (3 emoji joined by 2 ZWJ); with a limit of 2 nothing else can work.
        Assert.Equal(new[] { "👨\u200D", "👩\u200D", "👧" }, Split("👨\u200D👩\u200D👧", 2));
        Assert.Equal(new[] { "👨\u200D👩\u200D👧" }, Split("👨\u200D👩\u200D👧", 5));
    }

    [Fact]
    public void LengthsAreCountedInUnicodeCharacters()
    {
        // 10 emoji are 20 UTF-16 units but 10 characters for the API: one moment of 10.
        var emoji = string.Concat(Enumerable.Repeat("😀", 10));
        Assert.Equal(new[] { emoji }, Split(emoji, 10));
    }

    // ---- Bad input ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t\u00A0\u2029")]
    public void AnEmptyOrBlankScriptIsAnArgumentError(string script)
    {
        var e = Assert.Throws<ArgumentException>(() => ScriptSplitter.Split(script, 250));
        Assert.Equal("script", e.ParamName);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void ANullScriptIsAnArgumentError()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => ScriptSplitter.Split(null!, 250));
        Assert.Equal("script", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ALimitBelowOneIsRefused(int limit)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ScriptSplitter.Split("Hello.", limit));
        Assert.Equal("maxLength", e.ParamName);
    }

    // ---- Properties over generated scripts ----

    public static IEnumerable<object[]> GeneratedScripts() =>
        Enumerable.Range(0, 12).Select(batch => new object[] { batch });

    [Theory]
    [MemberData(nameof(GeneratedScripts))]
    public void EveryGeneratedScriptSplitsWithinTheRules(int batch)
    {
        // 12 batches of 40: 480 scripts, each with its own seed so a failure names the one to replay.
        for (var i = 0; i < 40; i++)
        {
            var seed = 7919 * (batch * 40 + i) + 17;
            var random = new Random(seed);
            var script = ScriptGenerator.Generate(random);
            var limit = random.Next(4) == 0 ? random.Next(1, 12) : random.Next(1, 301);
            CheckProperties(script, limit, seed);
        }
    }

    [Fact]
    public void ThePropertyCheckCatchesABrokenSplitter()
    {
        // The checker itself must be able to fail: feed it moments that break each property.
        const string script = "Hello there, world. Second sentence here.";
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 12, 0, new[] { "Hello there, world.", "Second", "sentence here." }));   // too long
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 20, 0, new[] { "Hello there, world.", "Second sentence" }));            // dropped
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 20, 0, new[] { "Hello there, world.", "here.", "Second sentence" }));   // reordered
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 20, 0, new[] { "Hello there, world.", "", "Second sentence here." }));  // empty
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 20, 0, new[] { "Hello there, wor", "ld. Second", "sentence here." }));  // inside a word
        Assert.ThrowsAny<Exception>(() => CheckMoments(script, 20, 0, new[] { "Hello there, world. ", "Second sentence here." }));     // not trimmed
        Assert.ThrowsAny<Exception>(() => CheckMoments("😀😀😀", 3, 0, new[] { "😀\uD83D", "\uDE00😀" }));                              // half a pair
        Assert.ThrowsAny<Exception>(() => CheckMoments("e\u0301e", 2, 0, new[] { "e", "\u0301e" }));                                    // letter from its mark
    }

    private static void CheckProperties(string script, int limit, int seed)
    {
        var moments = ScriptSplitter.Split(script, limit).ToArray();
        CheckMoments(script, limit, seed, moments);
        Assert.True(moments.SequenceEqual(ScriptSplitter.Split(script, limit)), $"seed {seed}: not deterministic");
    }

    private static void CheckMoments(string script, int limit, int seed, string[] moments)
    {
        // Messages are built only for a failure: building them for every check made the properties quadratic.
        string Where() => $"seed {seed}, limit {limit}, script «{Escape(script)}», moments [{string.Join(" | ", moments.Select(Escape))}]";
        void Check(bool holds, Func<string> problem)
        {
            if (!holds) Assert.Fail(problem() + ": " + Where());
        }

        Check(moments.Length > 0, () => "no moment");
        foreach (var moment in moments)
        {
            Check(moment.Length > 0, () => "empty moment");
            Check(moment.Trim() == moment, () => $"moment «{Escape(moment)}» not trimmed");
            Check(Chars(moment) <= limit, () => $"moment «{Escape(moment)}» has {Chars(moment)} characters");
            Check(!char.IsLowSurrogate(moment[0]) && !char.IsHighSurrogate(moment[^1]), () => $"half a surrogate pair in «{Escape(moment)}»");
        }

        // Nothing dropped, duplicated or reordered: equal once all whitespace is removed.
        var expected = WithoutWhitespace(script);
        Check(expected == WithoutWhitespace(string.Concat(moments)), () => "text changed");

        // Each cut, mapped back to the script: between two words, or inside a word only where that word
        // alone is longer than the limit (then between text elements unless one element is), or next to
        // a character of a language written without spaces.
        var positions = new List<int>(); // index in the script of each non-whitespace char
        for (var i = 0; i < script.Length; i++)
        {
            if (!char.IsWhiteSpace(script[i])) positions.Add(i);
        }
        var offset = 0;
        for (var m = 0; m < moments.Length - 1; m++)
        {
            offset += WithoutWhitespace(moments[m]).Length;
            var before = positions[offset - 1];
            var after = positions[offset];
            if (after - before > 1) continue; // whitespace between: a cut between words
            var start = before;
            while (start > 0 && !char.IsWhiteSpace(script[start - 1])) start--;
            var end = after;
            while (end < script.Length && !char.IsWhiteSpace(script[end])) end++;
            var word = script.Substring(start, end - start);
            var cut = after - start;
            if (IsWrittenWithoutSpaces(script, before) || IsWrittenWithoutSpaces(script, after)) continue;
            Check(Chars(word) > limit, () => $"cut inside the word «{Escape(word)}» ({Chars(word)} characters)");
            var elements = StringInfo.ParseCombiningCharacters(word);
            var element = Array.BinarySearch(elements, cut);
            if (element >= 0) continue; // a text-element boundary
            var containing = ~element - 1;
            var elementEnd = containing + 1 < elements.Length ? elements[containing + 1] : word.Length;
            var text = word.Substring(elements[containing], elementEnd - elements[containing]);
            Check(Chars(text) > limit, () => $"cut inside the text element «{Escape(text)}»");
        }
    }

    private static bool IsWrittenWithoutSpaces(string text, int index)
    {
        var c = char.ConvertToUtf32(text, char.IsLowSurrogate(text[index]) ? index - 1 : index);
        return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3134F);
    }

    private static string WithoutWhitespace(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string Escape(string text)
    {
        var b = new StringBuilder();
        foreach (var c in text)
        {
            b.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '\u00A0' => "\\u00A0", _ => c.ToString() });
        }
        return b.ToString();
    }

    /// <summary>Scripts mixing what real scripts hold, from one seed.</summary>
    private static class ScriptGenerator
    {
        private static readonly string[] Abbreviations = { "Dr.", "Mr.", "e.g.", "i.e.", "U.S.", "etc.", "a.m.", "No.", "J." };
        private static readonly string[] Numbers = { "$3.50", "10:30", "3.14159", "1,000,000", "2024", "50%", "v2.0.1" };
        private static readonly string[] Ends = { ".", "!", "?", "...", "…", "?!", "!\"", ".)", "؟", "।", "。", "！", "？", ".»" };
        private static readonly string[] Clauses = { ",", ";", ":", " —", " -", "،", "、", "，" };
        private static readonly string[] Emoji = { "😀", "👍🏽", "👨\u200D👩\u200D👧", "🇫🇷", "𠀀", "❤️", "🏳️\u200D🌈" };
        private static readonly string[] Marked = { "e\u0301", "n\u0303", "a\u0308\u0301", "नमस्ते", "مرحبا", "Ελληνικά", "ñandú", "Straße", "क्षत्रिय" };
        private static readonly string[] Spaces = { " ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00A0", " \n \n ", "\u3000" };
        private const string Cjk = "我们今天学习中文日本語のテキストですカタカナひらがな漢字東京大阪北京上海";
        private const string Letters = "abcdefghijklmnopqrstuvwxyzéüçø";

        public static string Generate(Random random)
        {
            var b = new StringBuilder();
            var pieces = random.Next(1, 80);
            if (random.Next(5) == 0) b.Append(Spaces[random.Next(Spaces.Length)]);
            for (var p = 0; p < pieces; p++)
            {
                if (p > 0) b.Append(Spaces[random.Next(Spaces.Length)]);
                var kind = random.Next(100);
                if (kind < 8) b.Append("¿");
                else if (kind < 12) b.Append("¡");
                else if (kind < 16) b.Append('"');
                b.Append(Word(random));
                var tail = random.Next(100);
                if (tail < 15) b.Append(Ends[random.Next(Ends.Length)]);
                else if (tail < 30) b.Append(Clauses[random.Next(Clauses.Length)]);
            }
            if (random.Next(5) == 0) b.Append(Spaces[random.Next(Spaces.Length)]);
            return b.ToString();
        }

        private static string Word(Random random)
        {
            var kind = random.Next(100);
            if (kind < 45) return Latin(random, random.Next(1, 13));
            if (kind < 50) return Latin(random, random.Next(30, 400));
            if (kind < 53) return "https://example.com/" + Latin(random, random.Next(10, 300)) + "?q=" + Latin(random, 5);
            if (kind < 60) return Abbreviations[random.Next(Abbreviations.Length)];
            if (kind < 67) return Numbers[random.Next(Numbers.Length)];
            if (kind < 74) return Emoji[random.Next(Emoji.Length)];
            if (kind < 82) return Marked[random.Next(Marked.Length)];
            if (kind < 94) return CjkRun(random);
            return string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => Emoji[random.Next(Emoji.Length)] + Marked[random.Next(Marked.Length)]));
        }

        private static string Latin(Random random, int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++) chars[i] = Letters[random.Next(Letters.Length)];
            if (random.Next(3) == 0) chars[0] = char.ToUpperInvariant(chars[0]);
            return new string(chars);
        }

        private static string CjkRun(Random random)
        {
            var b = new StringBuilder();
            var length = random.Next(1, 60);
            for (var i = 0; i < length; i++)
            {
                b.Append(Cjk[random.Next(Cjk.Length)]);
                var mark = random.Next(30);
                if (mark == 0) b.Append('。');
                else if (mark == 1) b.Append('、');
                else if (mark == 2) b.Append('，');
                else if (mark == 3) b.Append('！');
                else if (mark == 4) b.Append("「" + Cjk[random.Next(Cjk.Length)] + "」");
            }
            return b.ToString();
        }
    }
}
