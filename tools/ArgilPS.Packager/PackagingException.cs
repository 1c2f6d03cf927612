using System;

namespace ArgilPS.Packager
{
    /// <summary>A problem the user can fix (missing folder, invalid manifest, failed pack), with the exit code to end on.</summary>
    public sealed class PackagingException : Exception
    {
        public PackagingException(int exitCode, string message) : base(message) => ExitCode = exitCode;

        public int ExitCode { get; }
    }
}
