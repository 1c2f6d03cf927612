using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ArgilPS.Videos;

/// <summary>
/// Cuts a script of any length into the moments of a video (New-ArgilVideo -Script).
/// </summary>
/// <remarks>
/// <para>
/// Lengths are counted as the API counts them and as <c>ValidateCharacterCount</c> does: in Unicode
/// characters (code points; JSON Schema's maxLength), so an emoji counts once, not as its two UTF-16 halves.
/// </para>
/// <para>
/// The rules, from the coarsest cut to the finest (a finer cut is used only where a coarser one cannot
/// keep a moment within the limit):
/// </para>
/// <list type="number">
/// <item>Sentences are packed greedily: a moment takes as many whole sentences as fit. A sentence ends at
/// . ! ? … ‼ ؟ । ॥ ۔ ። (followed by whitespace, closing quotes and brackets allowed between) unless the
/// next word starts with a lowercase letter, or the word before a full stop is an abbreviation
/// ("Dr.", "e.g.", "U.S.", an initial "J."). 。！？ end a sentence with or without a space after them.
/// A full stop inside a word (3.50, example.com, 10:30's colon) never ends anything.
/// A paragraph break (a blank line, two or more line breaks, U+2029 or a form feed) always ends a sentence.</item>
/// <item>A unit longer than the limit starts a new moment and is cut into pieces at the next finer
/// boundary, and those are packed the same way (what follows may join the last piece):
/// a sentence at its clauses (after , ; : — – ، ؛ 、 ， ； ： followed by whitespace, the CJK marks with or
/// without it, and at a single line break, which is otherwise plain whitespace), a clause at its words.</item>
/// <item>Words are separated by whitespace; in Chinese and Japanese, which have no spaces, a break is
/// allowed between any two characters except before closing punctuation (。、」…), small kana and ー,
/// and after opening punctuation. No-break spaces (U+00A0, U+2007, U+202F) join words.</item>
/// <item>Only a single word longer than the limit (a URL, a run of text in a script without spaces) is
/// cut inside: at its no-break spaces first, else between text elements (grapheme clusters: a
/// surrogate pair, a letter and its combining marks, an emoji sequence stay whole), and a text element
/// longer than the limit itself (possible only with tiny limits) between code points.</item>
/// </list>
/// <para>
/// Nothing is dropped, duplicated or reordered: the moments joined give the script back, except that
/// every run of breaking whitespace between two words (spaces, tabs, line breaks) becomes one space inside a
/// moment and disappears at a cut. Moments are never empty and never start or end with whitespace.
/// The result is deterministic (no culture or clock is consulted).
/// </para>
/// </remarks>
internal static class ScriptSplitter
{
    /// <summary>The default limit of one moment's transcript: 250 characters in the documented schema.</summary>
    public const int DefaultMaxLength = 250;

    /// <summary>
    /// Splits a script into moments of at most <paramref name="maxLength"/> Unicode characters (code points,
    /// as the API and <c>InputRules.CharacterCount</c> count them), by the rules of <see cref="ScriptSplitter"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The script is null, empty or only whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public static IReadOnlyList<string> Split(string script, int maxLength)
    {
        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The longest moment must be at least 1 character.");
        }
        if (script is null || IsBlank(script))
        {
            throw new ArgumentException("The script is empty or only whitespace: give the text the avatar should say.", nameof(script));
        }

        var tokens = Tokenizer.Read(script);
        var packer = new Packer(script, tokens, maxLength);
        packer.PackTokens(0, tokens.Count, Break.Sentence);
        packer.Flush();
        return packer.Moments;
    }

    private static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    /// <summary>What separates a token from the one before it.</summary>
    private enum Gap
    {
        /// <summary>Nothing: a break between two characters of a text without spaces (CJK).</summary>
        None,
        Space,
        LineBreak,
        Paragraph,
    }

    /// <summary>How strong the boundary before a token is; a cut prefers the strongest.</summary>
    private enum Break
    {
        Word = 1,
        Clause = 2,
        Sentence = 3,
    }

    /// <summary>A word: a run of text with no break inside it, as offsets into the script.</summary>
    private readonly struct Token
    {
        public Token(int start, int end, Gap gapBefore, Break breakBefore)
        {
            Start = start;
            End = end;
            GapBefore = gapBefore;
            BreakBefore = breakBefore;
        }

        public int Start { get; }
        public int End { get; }
        public Gap GapBefore { get; }
        public Break BreakBefore { get; }

        public Token WithBreak(Break value) => new(Start, End, GapBefore, value);
    }

    private static class Tokenizer
    {
        public static List<Token> Read(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            var n = text.Length;
            while (i < n && char.IsWhiteSpace(text[i])) i++;
            var gap = Gap.None;
            while (i < n)
            {
                var start = i;
                while (true)
                {
                    while (i < n && !char.IsWhiteSpace(text[i])) i++;
                    // No-break spaces between two words glue them into one.
                    var whitespace = i;
                    while (i < n && IsNoBreakSpace(text[i])) i++;
                    if (i < n && i > whitespace && !char.IsWhiteSpace(text[i])) continue;
                    i = whitespace;
                    break;
                }
                AddRun(text, start, i, gap, tokens);

                var lineBreaks = 0;
                var paragraph = false;
                while (i < n && char.IsWhiteSpace(text[i]))
                {
                    switch (text[i])
                    {
                        case '\r':
                            if (i + 1 >= n || text[i + 1] != '\n') lineBreaks++;
                            break;
                        case '\n':
                        case '\u0085':
                        case '\u2028':
                            lineBreaks++;
                            break;
                        case '\f':
                        case '\v':
                        case '\u2029':
                            paragraph = true;
                            break;
                    }
                    i++;
                }
                gap = paragraph || lineBreaks >= 2 ? Gap.Paragraph : lineBreaks == 1 ? Gap.LineBreak : Gap.Space;
            }

            for (var k = 1; k < tokens.Count; k++)
            {
                tokens[k] = tokens[k].WithBreak(Classify(text, tokens[k - 1], tokens[k]));
            }
            return tokens;
        }

        /// <summary>Adds one whitespace-delimited run, cut into several tokens where a CJK text allows a break.</summary>
        private static void AddRun(string text, int start, int end, Gap gap, List<Token> tokens)
        {
            var elements = StringInfo.ParseCombiningCharacters(text.Substring(start, end - start));
            var tokenStart = start;
            for (var e = 1; e < elements.Length; e++)
            {
                var before = CodePointAt(text, start + elements[e - 1]);
                var after = CodePointAt(text, start + elements[e]);
                if (Characters.CanBreakBetween(before, after))
                {
                    tokens.Add(new Token(tokenStart, start + elements[e], gap, Break.Word));
                    tokenStart = start + elements[e];
                    gap = Gap.None;
                }
            }
            tokens.Add(new Token(tokenStart, end, gap, Break.Word));
        }

        private static Break Classify(string text, Token previous, Token next)
        {
            if (next.GapBefore == Gap.Paragraph) return Break.Sentence;
            var spaced = next.GapBefore != Gap.None;
            var level = Break.Word;

            // The last character that is not a closing quote or bracket: "word.)" ends with '.'.
            var end = previous.End;
            while (end > previous.Start && Characters.IsCloser(text[end - 1])) end--;
            if (end > previous.Start)
            {
                var lastIndex = char.IsLowSurrogate(text[end - 1]) && end - 2 >= previous.Start ? end - 2 : end - 1;
                var last = CodePointAt(text, lastIndex);
                if (Characters.IsCjkSentenceEnd(last)) return Break.Sentence;
                if (Characters.IsCjkClauseEnd(last))
                {
                    level = Break.Clause;
                }
                else if (spaced)
                {
                    if (Characters.IsSentenceMark(last) || (last == '.' && EndsWithEllipsis(text, previous.Start, end)))
                    {
                        level = StartsLowercase(text, next) ? Break.Clause : Break.Sentence;
                    }
                    else if (last == '.')
                    {
                        var word = WordBeforeFullStop(text, previous.Start, end - 1);
                        level = Abbreviations.Contains(word) || StartsLowercase(text, next) ? Break.Word : Break.Sentence;
                    }
                    else if (Characters.IsClauseMark(last) || IsDash(text, previous.Start, end))
                    {
                        level = Break.Clause;
                    }
                }
            }
            if (level < Break.Clause && next.GapBefore == Gap.LineBreak) level = Break.Clause;
            return level;
        }

        private static bool EndsWithEllipsis(string text, int start, int end) =>
            end - start >= 3 && text[end - 1] == '.' && text[end - 2] == '.' && text[end - 3] == '.';

        /// <summary>A free-standing hyphen or double hyphen is a dash: "word - word", "word -- word".</summary>
        private static bool IsDash(string text, int start, int end)
        {
            var length = end - start;
            return (length == 1 && text[start] == '-') || (length == 2 && text[start] == '-' && text[start + 1] == '-');
        }

        /// <summary>The word a full stop closes, without opening quotes or brackets: "(Dr." → "Dr".</summary>
        private static string WordBeforeFullStop(string text, int start, int fullStop)
        {
            while (start < fullStop && Characters.IsOpener(text[start])) start++;
            return text.Substring(start, fullStop - start);
        }

        /// <summary>Whether the first letter or digit of the next token is a lowercase letter.</summary>
        private static bool StartsLowercase(string text, Token next)
        {
            for (var i = next.Start; i < next.End; i++)
            {
                if (char.IsLetterOrDigit(text, i)) return char.IsLower(text, i);
                if (char.IsHighSurrogate(text[i])) i++;
            }
            return false;
        }
    }

    /// <summary>Greedy packing of units into moments, refining a unit that is too long.</summary>
    private sealed class Packer
    {
        private readonly string _text;
        private readonly List<Token> _tokens;
        private readonly int _limit;
        private readonly StringBuilder _current = new();
        private int _currentLength;

        public Packer(string text, List<Token> tokens, int limit)
        {
            _text = text;
            _tokens = tokens;
            _limit = limit;
        }

        public List<string> Moments { get; } = new();

        /// <summary>Packs tokens [from, to) as units cut at boundaries of at least <paramref name="level"/>.</summary>
        public void PackTokens(int from, int to, Break level)
        {
            var unitStart = from;
            for (var k = from + 1; k <= to; k++)
            {
                if (k == to || _tokens[k].BreakBefore >= level)
                {
                    PackUnit(unitStart, k, level);
                    unitStart = k;
                }
            }
        }

        private void PackUnit(int from, int to, Break level)
        {
            var text = Join(from, to);
            var length = CodePointCount(text);
            var separator = Separator(_tokens[from].GapBefore);
            if (length <= _limit)
            {
                Add(text, length, separator);
                return;
            }

            Flush();
            if (level == Break.Word)
            {
                PackLongWord(text);
            }
            else
            {
                PackTokens(from, to, level - 1);
            }
        }

        /// <summary>One word longer than a moment: cut at its no-break spaces, else between text elements.</summary>
        private void PackLongWord(string word)
        {
            var partStart = 0;
            var separator = string.Empty;
            var i = 0;
            while (i <= word.Length)
            {
                if (i == word.Length || char.IsWhiteSpace(word[i]))
                {
                    var part = word.Substring(partStart, i - partStart);
                    var length = CodePointCount(part);
                    if (length <= _limit)
                    {
                        Add(part, length, separator);
                    }
                    else
                    {
                        Flush();
                        PackTextElements(part);
                    }
                    if (i == word.Length) break;
                    var spaceStart = i;
                    while (i < word.Length && char.IsWhiteSpace(word[i])) i++;
                    separator = word.Substring(spaceStart, i - spaceStart);
                    partStart = i;
                    continue;
                }
                i++;
            }
        }

        private void PackTextElements(string part)
        {
            var starts = StringInfo.ParseCombiningCharacters(part);
            for (var e = 0; e < starts.Length; e++)
            {
                var end = e + 1 < starts.Length ? starts[e + 1] : part.Length;
                var element = part.Substring(starts[e], end - starts[e]);
                var length = CodePointCount(element);
                if (length <= _limit)
                {
                    Add(element, length, string.Empty);
                    continue;
                }
                // A text element longer than a moment (only with tiny limits): cut between its code points.
                Flush();
                for (var i = 0; i < element.Length; i++)
                {
                    var size = char.IsHighSurrogate(element[i]) && i + 1 < element.Length && char.IsLowSurrogate(element[i + 1]) ? 2 : 1;
                    Add(element.Substring(i, size), 1, string.Empty);
                    i += size - 1;
                }
            }
        }

        private void Add(string text, int length, string separator)
        {
            if (_currentLength > 0)
            {
                var separatorLength = CodePointCount(separator);
                if (_currentLength + separatorLength + length <= _limit)
                {
                    _current.Append(separator).Append(text);
                    _currentLength += separatorLength + length;
                    return;
                }
                Flush();
            }
            _current.Append(text);
            _currentLength = length;
        }

        public void Flush()
        {
            if (_currentLength == 0) return;
            Moments.Add(_current.ToString());
            _current.Clear();
            _currentLength = 0;
        }

        private string Join(int from, int to)
        {
            if (to - from == 1) return _text.Substring(_tokens[from].Start, _tokens[from].End - _tokens[from].Start);
            var builder = new StringBuilder();
            for (var k = from; k < to; k++)
            {
                if (k > from) builder.Append(Separator(_tokens[k].GapBefore));
                builder.Append(_text, _tokens[k].Start, _tokens[k].End - _tokens[k].Start);
            }
            return builder.ToString();
        }

        private static string Separator(Gap gap) => gap == Gap.None ? string.Empty : " ";
    }

    private static int CodePointAt(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(text[index], text[index + 1])
            : text[index];

    private static int CodePointCount(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }

    private static bool IsNoBreakSpace(char c) => c is '\u00A0' or '\u2007' or '\u202F';

    /// <summary>What punctuation does to a cut, by code point.</summary>
    private static class Characters
    {
        /// <summary>Ends a sentence when whitespace follows (and the next word is not lowercase).</summary>
        public static bool IsSentenceMark(int c) => c is '!' or '?' or '\u2026' or '\u203C' or '\u2047' or '\u2048' or '\u2049'
            or '\u061F' or '\u0964' or '\u0965' or '\u06D4' or '\u1362' or '\u0589' or '\u055E' or '\u1367';

        /// <summary>Ends a sentence with or without a space after it (Chinese, Japanese).</summary>
        public static bool IsCjkSentenceEnd(int c) => c is '\u3002' or '\uFF61' or '\uFF01' or '\uFF1F' or '\uFF0E'
            or '\uFE12' or '\uFE52' or '\uFE56' or '\uFE57';

        /// <summary>Ends a clause with or without a space after it.</summary>
        public static bool IsCjkClauseEnd(int c) => c is '\u3001' or '\uFF0C' or '\uFF1B' or '\uFF1A' or '\uFF64'
            or '\uFE10' or '\uFE11' or '\uFE50' or '\uFE51' or '\uFE54' or '\uFE55';

        /// <summary>Ends a clause when whitespace follows.</summary>
        public static bool IsClauseMark(int c) => c is ',' or ';' or ':' or '\u2014' or '\u2013' or '\u2015' or '\u2012'
            or '\u060C' or '\u061B' or '\u1363' or '\u1364' or '\u1365' or '\u1366' or '\u0387' or '\u055D';

        /// <summary>Closing quotes and brackets, skipped when looking for the mark that ends a word.</summary>
        public static bool IsCloser(char c)
        {
            if (c is '"' or '\'') return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category is UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.InitialQuotePunctuation;
        }

        /// <summary>Opening quotes and brackets (and ¿ ¡), skipped before a word.</summary>
        public static bool IsOpener(char c)
        {
            if (c is '"' or '\'' or '\u00BF' or '\u00A1') return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category is UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation;
        }

        /// <summary>Chinese and Japanese characters and their punctuation: text written without spaces.</summary>
        public static bool IsCjk(int c) =>
            (c >= 0x2E80 && c <= 0x2FDF)      // radicals
            || (c >= 0x3000 && c <= 0x303F)   // CJK symbols and punctuation
            || (c >= 0x3040 && c <= 0x30FF)   // hiragana, katakana
            || (c >= 0x3100 && c <= 0x312F)   // bopomofo
            || (c >= 0x31A0 && c <= 0x31FF)   // bopomofo extended, strokes, katakana extensions
            || (c >= 0x3200 && c <= 0x33FF)   // enclosed and compatibility
            || (c >= 0x3400 && c <= 0x4DBF)   // extension A
            || (c >= 0x4E00 && c <= 0x9FFF)   // unified ideographs
            || (c >= 0xF900 && c <= 0xFAFF)   // compatibility ideographs
            || (c >= 0xFE10 && c <= 0xFE1F)   // vertical forms
            || (c >= 0xFE30 && c <= 0xFE6F)   // compatibility and small forms
            || (c >= 0xFF00 && c <= 0xFFEF)   // halfwidth and fullwidth forms
            || (c >= 0x20000 && c <= 0x3134F); // extensions B to G

        public static bool CanBreakBetween(int before, int after) =>
            (IsCjk(before) || IsCjk(after)) && !NoBreakBefore(after) && !NoBreakAfter(before);

        /// <summary>Never at the start of a piece: closing punctuation, marks that end something, small kana, ー.</summary>
        private static bool NoBreakBefore(int c)
        {
            if (c is '"' or '\'' or '.' or ',' or '%' or '\u2030' or '\u3005' or '\u30FC' or '\u309D' or '\u309E' or '\u30FD' or '\u30FE'
                or '\u3041' or '\u3043' or '\u3045' or '\u3047' or '\u3049' or '\u3063' or '\u3083' or '\u3085' or '\u3087' or '\u308E' or '\u3095' or '\u3096'
                or '\u30A1' or '\u30A3' or '\u30A5' or '\u30A7' or '\u30A9' or '\u30C3' or '\u30E3' or '\u30E5' or '\u30E7' or '\u30EE' or '\u30F5' or '\u30F6'
                or '\u2025' or '\u30FB' or '\uFF65' or '\uFF70')
            {
                return true;
            }
            if (IsSentenceMark(c) || IsCjkSentenceEnd(c) || IsCjkClauseEnd(c) || IsClauseMark(c)) return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(c), 0);
            return category is UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpaceSeparator;
        }

        /// <summary>Never at the end of a piece: opening punctuation and prefix signs.</summary>
        private static bool NoBreakAfter(int c)
        {
            if (c is '"' or '\'' or '\u00BF' or '\u00A1' or '$' or '\u00A3' or '\u00A5' or '\u20AC' or '#' or '\uFFE5' or '\uFFE1' or '\uFF04') return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(c), 0);
            return category is UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.SpaceSeparator;
        }
    }

    /// <summary>Words a full stop follows without ending a sentence.</summary>
    private static class Abbreviations
    {
        // Titles and words that are followed by a name or a number; case as written.
        private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
        {
            "Mr", "Mrs", "Ms", "Mx", "Dr", "Drs", "Prof", "St", "Ste", "Mt", "Jr", "Sr", "Snr", "Jnr",
            "Gen", "Gov", "Sen", "Rep", "Pres", "Col", "Capt", "Cpt", "Lt", "Maj", "Sgt", "Cmdr", "Adm", "Rev", "Hon",
            "Fr", "Messrs", "Mme", "Mlle", "Mmes", "Sra", "Srta", "Srs", "Dra", "Hr", "Hrn", "Fa", "Dott", "Ing", "Mag",
            "vs", "v", "cf", "Cf", "viz", "approx", "Approx", "ca", "No", "Nos", "Nr", "nr", "no", "Fig", "fig", "Figs", "figs",
            "Vol", "vol", "Ch", "ch", "Art", "art", "Sec", "sec", "p", "pp", "Ave", "Blvd", "Rd", "Dept", "Univ", "al",
            "bzw", "ggf", "vgl", "Vgl", "evtl", "sog", "Tel", "tel", "ext", "Ext", "Ud", "Uds", "pág", "núm", "Sto", "Sta",
        };

        public static bool Contains(string word)
        {
            if (word.Length == 0) return false;
            if (Known.Contains(word)) return true;
            // An initial ("J. R. R. Tolkien"), but not the pronoun "I".
            if (word.Length == 1 || (word.Length == 2 && char.IsSurrogatePair(word, 0)))
            {
                return char.IsLetter(word, 0) && word != "I";
            }
            // Dotted letters: e.g, i.e, U.S, a.m, Ph.D, z.B.
            var parts = word.Split('.');
            if (parts.Length < 2) return false;
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 2) return false;
                foreach (var c in part)
                {
                    if (!char.IsLetter(c)) return false;
                }
            }
            return true;
        }
    }
}
