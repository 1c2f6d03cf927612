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

internal sealed class NullRequestLog : IRequestLog
{
    public static readonly NullRequestLog Instance = new();
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
}
