using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ArgilPS.Host
{
    /// <summary>
    /// Text-mode prompts (mandatory parameters, Get-Credential, ShouldProcess / $host.UI.PromptForChoice),
    /// laid out like pwsh's console prompts.
    /// </summary>
    internal sealed class ConsolePrompter
    {
        private readonly PSHostUserInterface _ui;
        private readonly HostConsole _console;

        internal ConsolePrompter(PSHostUserInterface ui, HostConsole console)
        {
            _ui = ui;
            _console = console;
        }

        internal Dictionary<string, PSObject> Prompt(
            string caption,
            string message,
            Collection<FieldDescription> descriptions)
        {
            HostInput.EnsureInteractive(_console);
            WriteHeader(caption, message);
            var results = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
            foreach (FieldDescription field in descriptions)
            {
                results[field.Name] = PSObject.AsPSObject(ReadField(field));
            }

            return results;
        }

        internal PSCredential PromptForCredential(string caption, string message, string? userName)
        {
            HostInput.EnsureInteractive(_console);
            WriteHeader(caption, message);
            string user = userName ?? string.Empty;
            if (user.Length == 0)
            {
                _ui.Write("User: ");
                user = _ui.ReadLine();
            }

            _ui.Write(string.Format(CultureInfo.InvariantCulture, "Password for user {0}: ", user));
            SecureString password = _ui.ReadLineAsSecureString();
            return new PSCredential(user, password);
        }

        internal int PromptForChoice(
            string caption,
            string message,
            Collection<ChoiceDescription> choices,
            int defaultChoice)
        {
            if (choices.Count == 0)
            {
                throw new ArgumentException("At least one choice is required.", nameof(choices));
            }

            HostInput.EnsureInteractive(_console);
            WriteHeader(caption, message);
            ChoiceLabel[] labels = choices.Select(c => ChoiceLabel.Parse(c.Label)).ToArray();
            string menu = BuildChoiceMenu(labels, defaultChoice);
            while (true)
            {
                _ui.Write(menu);
                string answer = _ui.ReadLine().Trim();
                if (answer.Length == 0 && defaultChoice >= 0 && defaultChoice < choices.Count)
                {
                    return defaultChoice;
                }

                if (answer == "?")
                {
                    for (int i = 0; i < choices.Count; i++)
                    {
                        _ui.WriteLine(labels[i].HotKey + " - " + choices[i].HelpMessage);
                    }

                    continue;
                }

                int match = Array.FindIndex(labels, label => label.Matches(answer));
                if (match >= 0)
                {
                    return match;
                }
            }
        }

        private object ReadField(FieldDescription field)
        {
            Type type = ResolveFieldType(field);
            if (type == typeof(SecureString))
            {
                _ui.Write(field.Name + ": ");
                return _ui.ReadLineAsSecureString();
            }

            if (type == typeof(PSCredential))
            {
                return PromptForCredential(string.Empty, string.Empty, null);
            }

            if (type.IsArray)
            {
                // Like pwsh: one element per line, an empty line ends the list.
                var items = new List<string>();
                while (true)
                {
                    _ui.Write(string.Format(CultureInfo.InvariantCulture, "{0}[{1}]: ", field.Name, items.Count));
                    string item = _ui.ReadLine();
                    if (item.Length == 0)
                    {
                        return items.ToArray();
                    }

                    items.Add(item);
                }
            }

            // Returned as text: PowerShell's parameter binder converts it to the parameter's type.
            _ui.Write(field.Name + ": ");
            return _ui.ReadLine();
        }

        private static Type ResolveFieldType(FieldDescription field)
        {
            string typeName = string.IsNullOrEmpty(field.ParameterAssemblyFullName)
                ? field.ParameterTypeFullName
                : field.ParameterAssemblyFullName;
            return (string.IsNullOrEmpty(typeName) ? null : Type.GetType(typeName, throwOnError: false))
                ?? typeof(string);
        }

        private void WriteHeader(string caption, string message)
        {
            if (!string.IsNullOrEmpty(caption))
            {
                _ui.WriteLine(caption);
            }

            if (!string.IsNullOrEmpty(message))
            {
                _ui.WriteLine(message);
            }
        }

        private static string BuildChoiceMenu(ChoiceLabel[] labels, int defaultChoice)
        {
            var menu = new StringBuilder();
            foreach (ChoiceLabel label in labels)
            {
                menu.Append('[').Append(label.HotKey).Append("] ").Append(label.Text).Append("  ");
            }

            menu.Append("[?] Help");
            if (defaultChoice >= 0 && defaultChoice < labels.Length)
            {
                menu.Append(" (default is \"").Append(labels[defaultChoice].HotKey).Append("\")");
            }

            return menu.Append(": ").ToString();
        }

        /// <summary>A choice label such as "&amp;Yes": hot key "Y", display text "Yes".</summary>
        private sealed class ChoiceLabel
        {
            private ChoiceLabel(string text, string hotKey)
            {
                Text = text;
                HotKey = hotKey;
            }

            internal string Text { get; }

            internal string HotKey { get; }

            internal static ChoiceLabel Parse(string label)
            {
                int marker = label.IndexOf('&');
                if (marker >= 0 && marker < label.Length - 1)
                {
                    string text = label.Remove(marker, 1);
                    return new ChoiceLabel(text, char.ToUpperInvariant(label[marker + 1]).ToString());
                }

                return new ChoiceLabel(label, label);
            }

            internal bool Matches(string answer) =>
                string.Equals(answer, HotKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(answer, Text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
