using System;

namespace ArgilPS.HelpBuilder
{
    /// <summary>Malformed markdown, located so the message reads <c>file:line: what is wrong</c>.</summary>
    public sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string file, int line, string problem)
            : base($"{file}:{line}: {problem}")
        {
            File = file;
            Line = line;
            Problem = problem;
        }

        public string File { get; }
        public int Line { get; }
        public string Problem { get; }
    }
}
