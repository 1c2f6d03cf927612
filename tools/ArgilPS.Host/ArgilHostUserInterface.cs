using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ArgilPS.Host
{
    /// <summary>
    /// Console user interface: output lines as pwsh prints them, progress, and prompts.
    /// All writes are serialised because PowerShell may call the host from pipeline threads.
    /// </summary>
    internal sealed class ArgilHostUserInterface : PSHostUserInterface
    {
        private readonly HostConsole _console;
        private readonly ArgilHostRawUserInterface _rawUI;
        private readonly ProgressRenderer _progress;
        private readonly ConsolePrompter _prompter;
        private readonly object _sync = new object();

        // A progress line may only be drawn when the cursor is at the start of a line,
        // otherwise it would overwrite text written with Write (e.g. Read-Host's prompt).
        private bool _atLineStart = true;

        internal ArgilHostUserInterface(HostConsole console)
        {
            _console = console;
            _rawUI = new ArgilHostRawUserInterface(console);
            _progress = new ProgressRenderer(console);
            _prompter = new ConsolePrompter(this, console);
        }

        public override PSHostRawUserInterface RawUI => _rawUI;

        /// <summary>Lets PowerShell's own formatting ($PSStyle, ConciseView) emit ANSI only on a terminal.</summary>
        public override bool SupportsVirtualTerminal => _console.IsOutputTerminal;

        public override void Write(string value) => WriteOutput(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
            if (!_console.IsOutputTerminal
                || (foregroundColor == _rawUI.ForegroundColor && backgroundColor == _rawUI.BackgroundColor))
            {
                WriteOutput(value);
                return;
            }

            string prefix = string.Empty;
            if (foregroundColor != _rawUI.ForegroundColor)
            {
                prefix += Ansi.Foreground(foregroundColor);
            }

            if (backgroundColor != _rawUI.BackgroundColor)
            {
                prefix += Ansi.Background(backgroundColor);
            }

            WriteOutput(prefix + value + Ansi.Reset);
        }

        public override void WriteLine(string value) => WriteOutput(value + Environment.NewLine);

        public override void WriteErrorLine(string value)
        {
            lock (_sync)
            {
                _progress.Hide();
                _console.Error.WriteLine(Colorize(Ansi.Error, GetOutputString(value, SupportsVirtualTerminal)));
                _console.Error.Flush();
                ShowProgressIfAtLineStart();
            }
        }

        public override void WriteDebugLine(string message) =>
            WriteLine(Colorize(Ansi.Debug, "DEBUG: " + message));

        public override void WriteVerboseLine(string message) =>
            WriteLine(Colorize(Ansi.Verbose, "VERBOSE: " + message));

        public override void WriteWarningLine(string message) =>
            WriteLine(Colorize(Ansi.Warning, "WARNING: " + message));

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            lock (_sync)
            {
                _progress.Update(record, canDraw: _atLineStart);
            }
        }

        public override string ReadLine()
        {
            string line = HostInput.ReadLine(_console);
            MarkLineStart();
            return line;
        }

        public override SecureString ReadLineAsSecureString()
        {
            SecureString secret = HostInput.ReadSecureLine(_console);
            MarkLineStart();
            return secret;
        }

        public override Dictionary<string, PSObject> Prompt(
            string caption,
            string message,
            Collection<FieldDescription> descriptions) =>
            _prompter.Prompt(caption, message, descriptions);

        public override PSCredential PromptForCredential(
            string caption,
            string message,
            string userName,
            string targetName) =>
            _prompter.PromptForCredential(caption, message, userName);

        public override PSCredential PromptForCredential(
            string caption,
            string message,
            string userName,
            string targetName,
            PSCredentialTypes allowedCredentialTypes,
            PSCredentialUIOptions options) =>
            _prompter.PromptForCredential(caption, message, userName);

        public override int PromptForChoice(
            string caption,
            string message,
            Collection<ChoiceDescription> choices,
            int defaultChoice) =>
            _prompter.PromptForChoice(caption, message, choices, defaultChoice);

        // Text that PowerShell already styled (e.g. the ConciseView error) keeps its own colours.
        private string Colorize(string style, string text) =>
            _console.IsOutputTerminal && !text.Contains('\u001b') ? style + text + Ansi.Reset : text;

        private void WriteOutput(string text)
        {
            // PowerShell's formatting (table headers, error views) may contain escape sequences;
            // this strips them when stdout is not a terminal or $PSStyle.OutputRendering says so.
            text = GetOutputString(text, SupportsVirtualTerminal);
            lock (_sync)
            {
                _progress.Hide();
                _console.Output.Write(text);
                _console.Output.Flush();
                if (text.Length > 0)
                {
                    _atLineStart = text.EndsWith('\n');
                }

                ShowProgressIfAtLineStart();
            }
        }

        // The user's Enter key ended the line the prompt was written on.
        private void MarkLineStart()
        {
            lock (_sync)
            {
                _atLineStart = true;
            }
        }

        private void ShowProgressIfAtLineStart()
        {
            if (_atLineStart)
            {
                _progress.Show();
            }
        }
    }
}
