using System;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>
/// For tests of the connection itself: ARGIL_API_KEY and ARGIL_BASE_URI are cleared while the test runs,
/// and afterwards the Process-scope connection is ended and the variables are put back. Such tests share
/// process state, so they belong to <see cref="ProcessStateCollection"/>.
/// </summary>
public abstract class CleanArgilEnvironment : IDisposable
{
    private readonly string? _savedKey = Environment.GetEnvironmentVariable("ARGIL_API_KEY");
    private readonly string? _savedUri = Environment.GetEnvironmentVariable("ARGIL_BASE_URI");

    protected CleanArgilEnvironment()
    {
        Environment.SetEnvironmentVariable("ARGIL_API_KEY", null);
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", null);
    }

    public void Dispose()
    {
        using (var host = new PowerShellHost()) host.Run("Disconnect-Argil");
        Environment.SetEnvironmentVariable("ARGIL_API_KEY", _savedKey);
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", _savedUri);
        GC.SuppressFinalize(this);
    }
}
