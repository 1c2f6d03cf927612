using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// Lays out a table in a fixed number of columns of plain text:
    /// <list type="bullet">
    /// <item>it fits: aligned columns under a dashed rule, one row per line;</item>
    /// <item>it fits once long cells wrap (no word broken): aligned columns, each row's cells
    /// wrapped inside their column, rows set apart by a blank line; the width goes where it
    /// saves the most lines;</item>
    /// <item>even the longest words do not fit side by side: one record per row, its first cell
    /// on a line of its own and the other cells below as 'Header: value' lines.</item>
    /// </list>
    /// </summary>
    public static class TableLayout
    {
        public const string Gap = "  ";
        private const string RecordIndent = "    ";

        /// <param name="header">Header cells, or null for a table without one.</param>
        /// <param name="rows">Body rows, each with one cell per column.</param>
        /// <param name="rightAligned">Per column: right-aligned (numbers), else left.</param>
        /// <param name="width">Columns available.</param>
        public static List<string> Render(string[]? header, IReadOnlyList<string[]> rows, bool[] rightAligned, int width)
        {
            var all = new List<string[]>(rows);
            if (header != null)
            {
                all.Insert(0, header);
            }

            int columns = all.Count == 0 ? 0 : all.Max(r => r.Length);
            if (columns == 0)
            {
                return new List<string>();
            }

            int available = width - (Gap.Length * (columns - 1));
            int[] natural = Enumerable.Range(0, columns).Select(c => Math.Max(1, all.Max(r => Cell(r, c).Length))).ToArray();
            int[] minimum = Enumerable.Range(0, columns).Select(c => Math.Max(1, all.Max(r => LongestWord(Cell(r, c))))).ToArray();

            if (natural.Sum() <= available)
            {
                return Columns(header, rows, natural, rightAligned);
            }

            if (minimum.Sum() <= available)
            {
                return Columns(header, rows, Fit(all, natural, minimum, available), rightAligned);
            }

            return Records(header, rows, width);
        }

        /// <summary>
        /// Starts every column at its longest word and hands out the rest of the width where it
        /// saves the most wrapped lines per column given.
        /// </summary>
        private static int[] Fit(List<string[]> all, int[] natural, int[] minimum, int available)
        {
            int columns = natural.Length;
            int[] widths = (int[])minimum.Clone();
            int spare = available - widths.Sum();

            // Line counts per cell and width, computed once.
            var heights = new Dictionary<(int Row, int Column, int Width), int>();
            int Height(int row, int column, int w)
            {
                if (!heights.TryGetValue((row, column, w), out int h))
                {
                    h = PlainText.Wrap(Cell(all[row], column), w).Count;
                    heights[(row, column, w)] = h;
                }

                return h;
            }

            int Total(int[] w)
            {
                int total = 0;
                for (int r = 0; r < all.Count; r++)
                {
                    int tallest = 1;
                    for (int c = 0; c < columns; c++)
                    {
                        tallest = Math.Max(tallest, Height(r, c, w[c]));
                    }

                    total += tallest;
                }

                return total;
            }

            int current = Total(widths);
            while (spare > 0)
            {
                (int Column, int Step, double Gain) best = (-1, 0, 0);
                for (int c = 0; c < columns; c++)
                {
                    for (int step = 1; step <= Math.Min(spare, natural[c] - widths[c]); step++)
                    {
                        widths[c] += step;
                        int saved = current - Total(widths);
                        widths[c] -= step;
                        double gain = (double)saved / step;
                        if (saved > 0 && gain > best.Gain)
                        {
                            best = (c, step, gain);
                        }
                    }
                }

                if (best.Column < 0)
                {
                    break;
                }

                widths[best.Column] += best.Step;
                spare -= best.Step;
                current = Total(widths);
            }

            // Width no line count needs still helps the eye: give it to columns that wrap.
            for (int c = 0; spare > 0 && c < columns; c = (c + 1) % columns)
            {
                if (widths.Select((w, i) => natural[i] - w).All(d => d <= 0))
                {
                    break;
                }

                if (widths[c] < natural[c])
                {
                    widths[c]++;
                    spare--;
                }
            }

            return widths;
        }

        private static List<string> Columns(string[]? header, IReadOnlyList<string[]> rows, int[] widths, bool[] rightAligned)
        {
            var lines = new List<string>();
            List<List<string>[]> wrapped = rows.Select(r => Enumerable.Range(0, widths.Length).Select(c => PlainText.Wrap(Cell(r, c), widths[c])).ToArray()).ToList();
            bool spaced = wrapped.Any(r => r.Any(cell => cell.Count > 1));

            if (header != null)
            {
                AddRow(lines, Enumerable.Range(0, widths.Length).Select(c => PlainText.Wrap(Cell(header, c), widths[c])).ToArray(), widths, rightAligned);
                lines.Add(string.Join(Gap, widths.Select(w => new string('-', w))));
            }

            for (int r = 0; r < wrapped.Count; r++)
            {
                if (spaced && r > 0)
                {
                    lines.Add(string.Empty);
                }

                AddRow(lines, wrapped[r], widths, rightAligned);
            }

            return lines;
        }

        private static void AddRow(List<string> lines, List<string>[] cells, int[] widths, bool[] rightAligned)
        {
            int height = cells.Max(c => c.Count);
            for (int i = 0; i < height; i++)
            {
                var parts = new List<string>();
                for (int c = 0; c < widths.Length; c++)
                {
                    string text = i < cells[c].Count ? cells[c][i] : string.Empty;
                    bool right = c < rightAligned.Length && rightAligned[c];
                    parts.Add(right ? text.PadLeft(widths[c]) : text.PadRight(widths[c]));
                }

                lines.Add(string.Join(Gap, parts).TrimEnd());
            }
        }

        private static List<string> Records(string[]? header, IReadOnlyList<string[]> rows, int width)
        {
            var lines = new List<string>();
            int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
            string Label(int c) => header == null ? string.Empty : Cell(header, c) + ":";
            int labelWidth = Enumerable.Range(1, Math.Max(0, columns - 1)).Select(c => Label(c).Length).DefaultIfEmpty(0).Max();
            // A label wider than half the line puts its value on the next line instead.
            bool stacked = labelWidth > width / 2;
            string hang = RecordIndent + (stacked ? RecordIndent : new string(' ', labelWidth + 1));

            foreach (string[] row in rows)
            {
                if (lines.Count > 0)
                {
                    lines.Add(string.Empty);
                }

                lines.AddRange(PlainText.Wrap(Cell(row, 0), width));
                for (int c = 1; c < columns; c++)
                {
                    if (Cell(row, c).Length == 0)
                    {
                        continue;
                    }

                    List<string> value = PlainText.Wrap(Cell(row, c), Math.Max(1, width - hang.Length));
                    if (stacked)
                    {
                        lines.Add(RecordIndent + Label(c));
                        lines.AddRange(value.Select(v => hang + v));
                    }
                    else
                    {
                        lines.Add((RecordIndent + Label(c).PadRight(labelWidth + 1) + value[0]).TrimEnd());
                        lines.AddRange(value.Skip(1).Select(v => hang + v));
                    }
                }
            }

            return lines;
        }

        private static string Cell(string[] row, int column) => column < row.Length ? row[column] : string.Empty;

        private static int LongestWord(string text) =>
            text.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).DefaultIfEmpty(0).Max();
    }
}
