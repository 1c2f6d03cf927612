using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Validation
{
    /// <summary>
    /// Compares help pages with the cmdlets they document and checks that each page says
    /// something useful. Everything engine-specific comes in as data or as a delegate, so
    /// tests (which host the engine) decide where the truth comes from.
    /// </summary>
    public sealed class HelpValidator
    {
        private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

        private readonly Func<string, IReadOnlyList<string>>? _parseErrors;

        /// <param name="parseErrors">
        /// Returns the syntax errors of a PowerShell script (empty when it parses), e.g. from
        /// <c>System.Management.Automation.Language.Parser.ParseInput</c>. Without it examples
        /// are not parsed.
        /// </param>
        public HelpValidator(Func<string, IReadOnlyList<string>>? parseErrors = null)
        {
            _parseErrors = parseErrors;
        }

        /// <summary>All disagreements between <paramref name="pages"/> and <paramref name="commands"/>, in command order.</summary>
        public IReadOnlyList<HelpIssue> Validate(IEnumerable<CommandHelp> pages, IEnumerable<CommandSignature> commands)
        {
            var issues = new List<HelpIssue>();
            List<CommandHelp> pageList = pages.ToList();
            List<CommandSignature> commandList = commands.ToList();

            foreach (CommandSignature command in commandList)
            {
                CommandHelp? page = pageList.FirstOrDefault(p => Names.Equals(p.Name, command.Name));
                if (page == null)
                {
                    issues.Add(new HelpIssue(HelpIssueKind.MissingCommandPage, command.Name, null, "has no help page"));
                }
                else
                {
                    issues.AddRange(ValidatePage(page, command));
                }
            }

            foreach (CommandHelp page in pageList.Where(p => !commandList.Any(c => Names.Equals(c.Name, p.Name))))
            {
                issues.Add(Issue(HelpIssueKind.UnknownCommandPage, page, null, "the module has no such cmdlet", page.Line));
            }

            return issues;
        }

        /// <summary>Checks one page against its cmdlet, plus the page's own content.</summary>
        public IReadOnlyList<HelpIssue> ValidatePage(CommandHelp page, CommandSignature command)
        {
            var issues = new List<HelpIssue>();
            CheckContent(page, issues);
            CheckParameterSets(page, command, issues);

            foreach (ParameterSignature real in command.Parameters)
            {
                ParameterHelp? documented = page.Parameters.FirstOrDefault(p => Names.Equals(p.Name, real.Name));
                if (documented == null)
                {
                    issues.Add(Issue(HelpIssueKind.MissingParameter, page, real.Name, "is not described under '## PARAMETERS'", null));
                }
                else
                {
                    CheckParameter(page, command, documented, real, issues);
                }
            }

            foreach (ParameterHelp documented in page.Parameters.Where(p => !command.Parameters.Any(r => Names.Equals(r.Name, p.Name))))
            {
                issues.Add(Issue(HelpIssueKind.ExtraParameter, page, documented.Name, "is described but the cmdlet has no such parameter", documented.Line));
            }

            return issues;
        }

        private void CheckContent(CommandHelp page, List<HelpIssue> issues)
        {
            if (IsBlank(page.Synopsis))
            {
                issues.Add(Issue(HelpIssueKind.MissingSynopsis, page, null, "'## SYNOPSIS' is empty", page.Line));
            }

            if (IsBlank(page.Description))
            {
                issues.Add(Issue(HelpIssueKind.MissingDescription, page, null, "'## DESCRIPTION' is empty", page.Line));
            }

            if (!page.Examples.Any(e => e.Code.Any(c => !c.IsOutput && !IsBlank(c.Text))))
            {
                issues.Add(Issue(HelpIssueKind.MissingExample, page, null, "has no example", page.Line));
            }

            foreach (ParameterHelp parameter in page.Parameters.Where(p => IsBlank(p.Description)))
            {
                issues.Add(Issue(HelpIssueKind.UndescribedParameter, page, parameter.Name, "has no description", parameter.Line));
            }

            if (_parseErrors == null)
            {
                return;
            }

            foreach (ExampleHelp example in page.Examples)
            {
                foreach (CodeBlock code in example.Code.Where(c => !c.IsOutput && !IsBlank(c.Text)))
                {
                    IReadOnlyList<string> errors = _parseErrors(ExampleScript(code.Text));
                    if (errors.Count > 0)
                    {
                        issues.Add(Issue(HelpIssueKind.ExampleDoesNotParse, page, null,
                            $"example '{example.Title}' does not parse: {string.Join("; ", errors)}", example.Line));
                    }
                }
            }
        }

        private static void CheckParameterSets(CommandHelp page, CommandSignature command, List<HelpIssue> issues)
        {
            List<string> documented = page.ParameterSetNames.ToList();
            string[] missing = command.ParameterSets.Where(s => !documented.Contains(s, Names)).ToArray();
            string[] extra = documented.Where(s => !command.ParameterSets.Contains(s, Names)).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                issues.Add(Issue(HelpIssueKind.ParameterSetsMismatch, page, null,
                    $"'## SYNTAX' has sets {SetList(documented)} but the cmdlet has {SetList(command.ParameterSets)}", page.Line));
                return;
            }

            // Only meaningful when there is a choice; a single set is the default either way.
            SyntaxBlock? pageDefault = page.Syntax.FirstOrDefault(s => s.IsDefault);
            if (command.ParameterSets.Count > 1 && command.DefaultParameterSet != null
                && !Names.Equals(pageDefault?.SetName, command.DefaultParameterSet))
            {
                issues.Add(Issue(HelpIssueKind.DefaultParameterSetMismatch, page, null,
                    $"the default set is '{command.DefaultParameterSet}' but '## SYNTAX' marks {(pageDefault == null ? "none" : $"'{pageDefault.SetName}'")} as (Default)",
                    page.Line));
            }
        }

        private static void CheckParameter(CommandHelp page, CommandSignature command, ParameterHelp documented, ParameterSignature real, List<HelpIssue> issues)
        {
            // Membership is compared only in sets both sides know: a set missing on either
            // side is already reported once for the whole page, not again per parameter.
            var sharedSets = new HashSet<string>(command.ParameterSets.Where(s => page.ParameterSetNames.Contains(s, Names)), Names);
            Dictionary<string, ParameterUsage> pageSets = DocumentedSets(page, documented);
            Dictionary<string, ParameterSetMembership> realSets = RealSets(command, real);
            string[] pageShared = pageSets.Keys.Where(sharedSets.Contains).OrderBy(k => k, Names).ToArray();
            string[] realShared = realSets.Keys.Where(sharedSets.Contains).OrderBy(k => k, Names).ToArray();

            if (!pageShared.SequenceEqual(realShared, Names))
            {
                issues.Add(Issue(HelpIssueKind.ParameterSetsMismatch, page, real.Name,
                    $"is documented in sets {SetList(pageShared)} but belongs to {SetList(realShared)}", documented.Line));
            }

            foreach (string unknown in documented.Usages.SelectMany(u => u.Sets).Where(s => !page.ParameterSetNames.Contains(s, Names)).Distinct(Names))
            {
                issues.Add(Issue(HelpIssueKind.ParameterSetsMismatch, page, real.Name,
                    $"lists set '{unknown}', which '## SYNTAX' does not have", documented.Line));
            }

            // Compare set by set where both sides agree the parameter exists; the first
            // disagreement of each kind is enough to send the writer to the yaml block.
            var reported = new HashSet<HelpIssueKind>();
            foreach (KeyValuePair<string, ParameterSetMembership> pair in realSets)
            {
                if (!pageSets.TryGetValue(pair.Key, out ParameterUsage? usage))
                {
                    continue;
                }

                ParameterSetMembership truth = pair.Value;
                string inSet = pair.Key == ParameterHelp.AllParameterSets ? string.Empty : $" in set '{pair.Key}'";
                if (usage.Required != truth.Mandatory && reported.Add(HelpIssueKind.MandatoryMismatch))
                {
                    issues.Add(Issue(HelpIssueKind.MandatoryMismatch, page, real.Name,
                        $"is documented Required: {usage.Required} but is {(truth.Mandatory ? "mandatory" : "optional")}{inSet}", documented.Line));
                }

                if (usage.Pipeline != truth.Pipeline && reported.Add(HelpIssueKind.PipelineInputMismatch))
                {
                    var expected = usage with { Pipeline = truth.Pipeline };
                    issues.Add(Issue(HelpIssueKind.PipelineInputMismatch, page, real.Name,
                        $"is documented 'Accept pipeline input: {usage.PipelineText}' but the cmdlet takes {expected.PipelineText}{inSet}", documented.Line));
                }

                if (usage.Position != truth.Position && reported.Add(HelpIssueKind.PositionMismatch))
                {
                    issues.Add(Issue(HelpIssueKind.PositionMismatch, page, real.Name,
                        $"is documented Position: {PositionText(usage.Position)} but is {PositionText(truth.Position)}{inSet}", documented.Line));
                }
            }
        }

        /// <summary>The sets a documented parameter is in, with the yaml block that applies to each.</summary>
        private static Dictionary<string, ParameterUsage> DocumentedSets(CommandHelp page, ParameterHelp parameter)
        {
            var sets = new Dictionary<string, ParameterUsage>(Names);
            foreach (string setName in page.ParameterSetNames)
            {
                ParameterUsage? usage = parameter.UsageFor(setName);
                if (usage != null)
                {
                    sets[setName] = usage;
                }
            }

            return sets;
        }

        /// <summary>The sets the real parameter is in; <c>__AllParameterSets</c> spreads over every set of the cmdlet.</summary>
        private static Dictionary<string, ParameterSetMembership> RealSets(CommandSignature command, ParameterSignature parameter)
        {
            var sets = new Dictionary<string, ParameterSetMembership>(Names);
            foreach (ParameterSetMembership membership in parameter.Sets.Where(m => m.SetName != ParameterHelp.AllParameterSets))
            {
                sets[membership.SetName] = membership;
            }

            ParameterSetMembership? everywhere = parameter.Sets.FirstOrDefault(m => m.SetName == ParameterHelp.AllParameterSets);
            if (everywhere != null)
            {
                foreach (string setName in command.ParameterSets)
                {
                    sets.TryAdd(setName, everywhere with { SetName = setName });
                }
            }

            return sets;
        }

        /// <summary>
        /// The script part of an example. platyPS examples often show a prompt
        /// (<c>PS C:\&gt; Get-Thing</c>) followed by output; when prompts are present only the
        /// prompted lines (and <c>&gt;&gt;</c> continuation lines) are script.
        /// </summary>
        public static string ExampleScript(string code)
        {
            string[] lines = code.Replace("\r\n", "\n").Split('\n');
            if (!lines.Any(l => PromptLength(l) > 0))
            {
                return code;
            }

            // After a prompt line, indented lines continue its statement (as people write a
            // multi-line pipeline or block); an unindented line without a prompt is output.
            var script = new List<string>();
            bool continuing = false;
            foreach (string line in lines)
            {
                int prompt = PromptLength(line);
                if (prompt > 0)
                {
                    script.Add(line.Substring(prompt));
                    continuing = true;
                }
                else if (line.StartsWith(">>", StringComparison.Ordinal))
                {
                    script.Add(line.Substring(2).TrimStart());
                }
                else if (continuing && line.Length > 0 && char.IsWhiteSpace(line[0]))
                {
                    script.Add(line);
                }
                else
                {
                    continuing = false;
                }
            }

            return string.Join("\n", script);
        }

        /// <summary>Length of a leading <c>PS&gt; </c> or <c>PS C:\path&gt; </c> prompt, or 0.</summary>
        private static int PromptLength(string line)
        {
            if (!line.StartsWith("PS", StringComparison.Ordinal))
            {
                return 0;
            }

            int end = line.IndexOf('>');
            if (end < 0 || (end > 2 && line[2] != ' '))
            {
                return 0;
            }

            return end + 1 < line.Length && line[end + 1] == ' ' ? end + 2 : end + 1;
        }

        /// <summary>Empty, or still a platyPS template placeholder such as <c>{{ Fill in the Synopsis }}</c>.</summary>
        private static bool IsBlank(IEnumerable<string> paragraphs) => paragraphs.All(IsBlank);

        private static bool IsBlank(string text)
        {
            string trimmed = text.Trim();
            return trimmed.Length == 0 || (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal));
        }

        private static string SetList(IEnumerable<string> sets) => "(" + string.Join(", ", sets.OrderBy(s => s, Names)) + ")";

        private static string PositionText(int? position) => position?.ToString(CultureInfo.InvariantCulture) ?? "Named";

        private static HelpIssue Issue(HelpIssueKind kind, CommandHelp page, string? parameter, string message, int? line) =>
            new HelpIssue(kind, page.Name, parameter, message, page.SourceFile, line);
    }
}
