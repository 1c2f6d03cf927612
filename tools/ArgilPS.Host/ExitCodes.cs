namespace ArgilPS.Host
{
    internal static class ExitCodes
    {
        internal const int Success = 0;

        /// <summary>Terminating error: uncaught throw, parse error, failed module import, missing module.</summary>
        internal const int Failure = 1;

        /// <summary>Bad command line (unknown option, missing value, script file not found).</summary>
        internal const int Usage = 2;

        /// <summary>Stopped with Ctrl+C; 128 + SIGINT, as shells report it.</summary>
        internal const int Interrupted = 130;
    }
}
