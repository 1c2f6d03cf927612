using System;
using System.IO;
using System.Text;

namespace ArgilPS.Host
{
    /// <summary>
    /// The text streams the host talks to, plus what it knows about them (terminal or redirected).
    /// Keeping this separate from <see cref="System.Console"/> lets the whole host run in-process
    /// against string writers in tests.
    /// </summary>
    internal sealed class HostConsole
    {
        /// <summary>Width used for formatting when stdout is not a terminal (no window to measure).</summary>
        internal const int RedirectedWidth = 120;

        private const int RedirectedHeight = 50;

        internal HostConsole(
            TextWriter output,
            TextWriter error,
            TextReader input,
            bool isOutputTerminal,
            bool isInputInteractive,
            bool usesSystemConsole)
        {
            Output = output;
            Error = error;
            Input = input;
            IsOutputTerminal = isOutputTerminal;
            IsInputInteractive = isInputInteractive;
            UsesSystemConsole = usesSystemConsole;
        }

        internal TextWriter Output { get; }

        internal TextWriter Error { get; }

        internal TextReader Input { get; }

        /// <summary>True when stdout is a terminal: enables colours and the in-place progress line.</summary>
        internal bool IsOutputTerminal { get; }

        /// <summary>True when a person can answer prompts; otherwise prompts fail instead of hanging.</summary>
        internal bool IsInputInteractive { get; }

        /// <summary>True when the streams are the process console, so key-level reads and window size are available.</summary>
        internal bool UsesSystemConsole { get; }

        internal int Width
        {
            get
            {
                if (!IsOutputTerminal || !UsesSystemConsole)
                {
                    return RedirectedWidth;
                }

                try
                {
                    int width = Console.WindowWidth;
                    return width > 0 ? width : RedirectedWidth;
                }
                catch (IOException)
                {
                    return RedirectedWidth;
                }
            }
        }

        internal int Height
        {
            get
            {
                if (!IsOutputTerminal || !UsesSystemConsole)
                {
                    return RedirectedHeight;
                }

                try
                {
                    int height = Console.WindowHeight;
                    return height > 0 ? height : RedirectedHeight;
                }
                catch (IOException)
                {
                    return RedirectedHeight;
                }
            }
        }

        /// <summary>
        /// Describes the given streams. Only the process's own console streams can be terminals;
        /// any other writer (a file, a test's StringWriter) is treated as redirected.
        /// </summary>
        internal static HostConsole Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
        {
            bool usesSystemConsole = ReferenceEquals(stdout, Console.Out) && ReferenceEquals(stdin, Console.In);
            bool outputIsTerminal = usesSystemConsole && !Console.IsOutputRedirected && VirtualTerminal.TryEnable();
            bool inputIsInteractive = usesSystemConsole && !Console.IsInputRedirected;
            return new HostConsole(stdout, stderr, stdin, outputIsTerminal, inputIsInteractive, usesSystemConsole);
        }

        /// <summary>Reads a line without echoing it (passwords).</summary>
        internal string? ReadSecretLine()
        {
            if (!UsesSystemConsole)
            {
                return Input.ReadLine();
            }

            var secret = new StringBuilder();
            while (true)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        Output.WriteLine();
                        return secret.ToString();
                    case ConsoleKey.Backspace:
                        if (secret.Length > 0)
                        {
                            secret.Length--;
                        }

                        break;
                    default:
                        if (key.KeyChar != '\0')
                        {
                            secret.Append(key.KeyChar);
                        }

                        break;
                }
            }
        }
    }
}
