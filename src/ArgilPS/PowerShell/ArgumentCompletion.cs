using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace ArgilPS.Commands;

/// <summary>
/// What every completer hands to Tab. Suggestions come from the service (names, ids), so they are
/// data and must never become code: <see cref="Quote"/> always single-quotes them, with every
/// character PowerShell reads as a single quote doubled (' and ‘ ’ ‚ ‛, U+2018 to U+201B, through
/// <see cref="CodeGeneration.EscapeSingleQuotedStringContent"/>), so the parser gives back exactly
/// the value as one argument, whatever it holds: $( ), backticks, ;, a newline, a leading dash.
/// Completers build their results with <see cref="Result"/> and nothing else.
/// </summary>
internal static class ArgumentCompletion
{
    /// <summary>The value as a single-quoted PowerShell string literal.</summary>
    public static string Quote(string value)
    {
        var escaped = CodeGeneration.EscapeSingleQuotedStringContent(value);
        // Every engine from 5.1 to 7.6 doubles all five quotes; should one ever miss one, double them here.
        var quotes = value.Count(IsSingleQuote);
        if (escaped.Length != value.Length + quotes)
        {
            var sb = new StringBuilder(value.Length + quotes);
            foreach (var c in value) sb.Append(c, IsSingleQuote(c) ? 2 : 1);
            escaped = sb.ToString();
        }
        return "'" + escaped + "'";
    }

    /// <summary>
    /// A suggestion that inserts <paramref name="value"/> quoted, and shows <paramref name="listItemText"/>
    /// and <paramref name="toolTip"/> (the value when omitted) with control characters made visible.
    /// </summary>
    public static CompletionResult Result(string value, string? listItemText = null, string? toolTip = null) =>
        new(Quote(value), Shown(listItemText ?? value), CompletionResultType.ParameterValue, Shown(toolTip ?? listItemText ?? value));

    /// <summary>
    /// What a completer offers: at most 100 of the suggestions <paramref name="complete"/> makes, and
    /// none when it fails. Completion is a convenience: a failure is never an error on the prompt.
    /// </summary>
    public static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> complete)
    {
        try
        {
            return complete().Take(100).ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
    }

    /// <summary>
    /// Names that start with what was typed, as it stands ("Demo [" of "Demo [EN]"), or that match it as
    /// a wildcard pattern ("Team*"), once each and in order, each inserted escaped for a -Name that
    /// takes wildcards.
    /// </summary>
    public static IEnumerable<CompletionResult> Names(IEnumerable<string> names, string word)
    {
        var pattern = WildcardPattern.ContainsWildcardCharacters(word) ? WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase) : null;
        return names
            .Where(n => n.Length > 0 && (n.StartsWith(word, StringComparison.OrdinalIgnoreCase) || Matches(pattern, n)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => Result(WildcardPattern.Escape(n), n, n));
    }

    private static bool Matches(WildcardPattern? pattern, string name)
    {
        try
        {
            return pattern is not null && pattern.IsMatch(name);
        }
        catch (WildcardPatternException)
        {
            return false; // an unfinished [range while typing
        }
    }

    /// <summary>The word typed so far as the value it stands for: without the quotes opened around it.</summary>
    public static string TypedValue(string? wordToComplete)
    {
        var word = wordToComplete ?? "";
        if (word.Length == 0) return word;
        if (IsSingleQuote(word[0]))
        {
            word = word.Substring(1);
            if (word.Length > 0 && IsSingleQuote(word[word.Length - 1]) && !EndsWithDoubledQuote(word)) word = word.Substring(0, word.Length - 1);
            var sb = new StringBuilder(word.Length);
            for (var i = 0; i < word.Length; i++)
            {
                sb.Append(word[i]);
                if (IsSingleQuote(word[i]) && i + 1 < word.Length && IsSingleQuote(word[i + 1])) i++;
            }
            return sb.ToString();
        }
        return word.Trim('"', '\u201C', '\u201D', '\u201E');
    }

    private static bool EndsWithDoubledQuote(string word)
    {
        var run = 0;
        for (var i = word.Length - 1; i >= 0 && IsSingleQuote(word[i]); i--) run++;
        return run % 2 == 0;
    }

    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';

    /// <summary>Shown text: control characters made visible, and never empty (CompletionResult refuses that).</summary>
    private static string Shown(string text)
    {
        var shown = DisplayText.Neutralise(text);
        return shown.Length == 0 ? "''" : shown;
    }
}
