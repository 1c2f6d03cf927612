using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace ArgilPS.Host
{
    /// <summary>
    /// Shows Write-Progress records. On a terminal, one line on stdout is redrawn in place and
    /// removed when the activity completes. When stdout is redirected, a plain line goes to stderr
    /// only when an activity's text changes, so CI logs are not flooded with percent updates and
    /// the script's data output on stdout stays clean.
    /// </summary>
    internal sealed class ProgressRenderer
    {
        private const int BarWidth = 20;

        private readonly HostConsole _console;

        // Activities still running, most recently updated last: the terminal line shows the last one.
        private readonly List<ProgressRecord> _active = new List<ProgressRecord>();

        // Redirected mode: last text printed per activity, to print only changes.
        private readonly Dictionary<int, string> _lastPrinted = new Dictionary<int, string>();

        private bool _lineVisible;

        internal ProgressRenderer(HostConsole console)
        {
            _console = console;
        }

        /// <param name="record">The progress record from Write-Progress.</param>
        /// <param name="canDraw">False while the cursor is mid-line; the state is still tracked.</param>
        internal void Update(ProgressRecord record, bool canDraw)
        {
            if (_console.IsOutputTerminal)
            {
                UpdateTerminal(record, canDraw);
            }
            else
            {
                UpdateRedirected(record);
            }
        }

        /// <summary>Removes the progress line before other output is written on the terminal.</summary>
        internal void Hide()
        {
            if (_lineVisible)
            {
                _console.Output.Write(Ansi.ClearLine);
                _lineVisible = false;
            }
        }

        /// <summary>Redraws the progress line after other output, if an activity is still running.</summary>
        internal void Show()
        {
            if (_console.IsOutputTerminal && _active.Count > 0)
            {
                Draw(_active[_active.Count - 1]);
            }
        }

        private static string Describe(ProgressRecord record)
        {
            var text = new StringBuilder(record.Activity);
            if (!string.IsNullOrEmpty(record.StatusDescription))
            {
                text.Append(": ").Append(record.StatusDescription);
            }

            return text.ToString();
        }

        private void UpdateTerminal(ProgressRecord record, bool canDraw)
        {
            _active.RemoveAll(r => r.ActivityId == record.ActivityId);
            if (record.RecordType != ProgressRecordType.Completed)
            {
                _active.Add(record);
            }

            if (_active.Count == 0)
            {
                Hide();
            }
            else if (canDraw)
            {
                Draw(_active[_active.Count - 1]);
            }
        }

        private void Draw(ProgressRecord record)
        {
            var line = new StringBuilder(Describe(record));
            if (record.PercentComplete >= 0)
            {
                int percent = Math.Min(record.PercentComplete, 100);
                int filled = percent * BarWidth / 100;
                line.Append(" [")
                    .Append('=', filled)
                    .Append(' ', BarWidth - filled)
                    .Append("] ")
                    .Append(percent.ToString(CultureInfo.InvariantCulture))
                    .Append('%');
            }

            // Leave the last column free so the terminal never wraps the line.
            int maxLength = Math.Max(_console.Width - 1, 1);
            string text = line.Length > maxLength ? line.ToString(0, maxLength) : line.ToString();
            _console.Output.Write(Ansi.ClearLine + text);
            _console.Output.Flush();
            _lineVisible = true;
        }

        private void UpdateRedirected(ProgressRecord record)
        {
            if (record.RecordType == ProgressRecordType.Completed)
            {
                _lastPrinted.Remove(record.ActivityId);
                return;
            }

            string text = Describe(record);
            if (_lastPrinted.TryGetValue(record.ActivityId, out string? previous) && previous == text)
            {
                return;
            }

            _lastPrinted[record.ActivityId] = text;
            string percent = record.PercentComplete >= 0
                ? string.Format(CultureInfo.InvariantCulture, " ({0}%)", record.PercentComplete)
                : string.Empty;
            _console.Error.WriteLine(text + percent);
        }
    }
}
