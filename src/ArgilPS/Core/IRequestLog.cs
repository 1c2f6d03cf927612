namespace ArgilPS.Core;

/// <summary>
/// Where the client reports what it does. The client knows nothing of PowerShell: a cmdlet turns
/// these into -Verbose and -Debug lines on the pipeline thread.
/// </summary>
internal interface IRequestLog
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
}

/// <summary>
/// A log that knows which of its lines anyone will see, as PowerShell's own web cmdlets ask
/// IsWriteDebugEnabled before they build a line. A line nobody sees is not built: the debug lines
/// of a request copy, scan and redact its headers and body, once per request. A log that does not
/// implement this shows every line (see <see cref="RequestLogLevels"/>).
/// </summary>
internal interface IRequestLogLevels
{
    /// <summary>Whether a <see cref="IRequestLog.Verbose"/> line will be shown or recorded.</summary>
    bool VerboseEnabled { get; }

    /// <summary>Whether a <see cref="IRequestLog.Debug"/> line will be shown or recorded.</summary>
    bool DebugEnabled { get; }
}

/// <summary>What a writer of log lines asks before it builds one.</summary>
internal static class RequestLogLevels
{
    /// <summary>Whether a verbose line would be seen: true unless the log says it would not.</summary>
    public static bool IsVerboseEnabled(this IRequestLog log) => log is not IRequestLogLevels levels || levels.VerboseEnabled;

    /// <summary>Whether a debug line would be seen: true unless the log says it would not.</summary>
    public static bool IsDebugEnabled(this IRequestLog log) => log is not IRequestLogLevels levels || levels.DebugEnabled;
}

internal sealed class NullRequestLog : IRequestLog, IRequestLogLevels
{
    public static readonly NullRequestLog Instance = new();
    public bool VerboseEnabled => false;
    public bool DebugEnabled => false;
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
}
