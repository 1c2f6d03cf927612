using System;

namespace ArgilPS.Host
{
    /// <summary>ANSI escape sequences, matching the defaults of pwsh's $PSStyle.Formatting.</summary>
    internal static class Ansi
    {
        internal const string Reset = "\u001b[0m";
        internal const string Error = "\u001b[31;1m";
        internal const string Warning = "\u001b[33;1m";
        internal const string Verbose = "\u001b[33;1m";
        internal const string Debug = "\u001b[33;1m";
        internal const string ClearLine = "\r\u001b[K";

        internal static string Foreground(ConsoleColor color) => "\u001b[" + ForegroundCode(color) + "m";

        internal static string Background(ConsoleColor color) => "\u001b[" + (ForegroundCode(color) + 10) + "m";

        private static int ForegroundCode(ConsoleColor color) => color switch
        {
            ConsoleColor.Black => 30,
            ConsoleColor.DarkRed => 31,
            ConsoleColor.DarkGreen => 32,
            ConsoleColor.DarkYellow => 33,
            ConsoleColor.DarkBlue => 34,
            ConsoleColor.DarkMagenta => 35,
            ConsoleColor.DarkCyan => 36,
            ConsoleColor.Gray => 37,
            ConsoleColor.DarkGray => 90,
            ConsoleColor.Red => 91,
            ConsoleColor.Green => 92,
            ConsoleColor.Yellow => 93,
            ConsoleColor.Blue => 94,
            ConsoleColor.Magenta => 95,
            ConsoleColor.Cyan => 96,
            _ => 97,
        };
    }
}
