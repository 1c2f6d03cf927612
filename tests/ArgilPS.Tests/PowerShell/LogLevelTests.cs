using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// A test-only cmdlet: through the cmdlet base's Run, its operation writes one verbose and one debug
/// line to the request log and outputs whether the log said it would show them; beside that, the
/// cmdlet writes a line of each kind the engine's own way. Not public, see TestArgilPagedOutputCommand.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ArgilLogLevel")]
internal sealed class TestArgilLogLevelCommand : ArgilCmdlet
{
    protected override void EndProcessing()
    {
        var levels = Run((log, ct) =>
        {
            log.Verbose("logged verbose");
            log.Debug("logged debug");
            return Task.FromResult((Verbose: log.IsVerboseEnabled(), Debug: log.IsDebugEnabled()));
        });
        WriteVerboseLine("engine verbose");
        WriteDebug("engine debug");
        WriteObject($"verbose={levels.Verbose} debug={levels.Debug}");
    }
}

/// <summary>
/// The request log of a cmdlet shows a line exactly when the engine would: the client builds no
/// debug text unless -Debug or $DebugPreference shows it, and nothing a user sees changes.
/// </summary>
public sealed class LogLevelTests : IDisposable
{
    private readonly PowerShellHost _host = new(importModule: false, state => state.Commands.Add(
        new SessionStateCmdletEntry("Test-ArgilLogLevel", typeof(TestArgilLogLevelCommand), null)));

    public static TheoryData<string, bool, bool> Cases => new()
    {
        { "Test-ArgilLogLevel", false, false },
        { "Test-ArgilLogLevel -Debug", true, true },                       // a bare -Debug shows the verbose lines as debug lines
        { "Test-ArgilLogLevel -Verbose", true, false },
        { "Test-ArgilLogLevel -Verbose -Debug", true, true },
        { "Test-ArgilLogLevel -Debug -Verbose:$false", false, true },
        { "$DebugPreference = 'Continue'; Test-ArgilLogLevel", false, true },
        { "$VerbosePreference = 'Continue'; Test-ArgilLogLevel", true, false },
        { "$DebugPreference = 'Continue'; Test-ArgilLogLevel -Debug:$false", false, false },
        { "$VerbosePreference = 'Continue'; Test-ArgilLogLevel -Verbose:$false", false, false },
        { "$DebugPreference = 'Ignore'; $VerbosePreference = 'Ignore'; Test-ArgilLogLevel", false, false },
        { "function f { [CmdletBinding()] param() Test-ArgilLogLevel }; f -Debug", false, true },   // the caller's preference, as a script passes it on
        { "& { $VerbosePreference = 'Continue'; Test-ArgilLogLevel }", true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ALineIsBuiltExactlyWhenTheEngineShowsIt(string script, bool verbose, bool debug)
    {
        var r = _host.Run(script);

        r.ThrowIfTerminated();
        Assert.Equal(verbose, r.Verbose.Contains("engine verbose") || r.Debug.Contains("engine verbose"));
        Assert.Equal(debug, r.Debug.Contains("engine debug"));
        Assert.Equal($"verbose={verbose} debug={debug}", Assert.Single(r.Output).BaseObject);
        // What the log shows is what the engine shows, in the same stream.
        Assert.Equal(r.Verbose.Contains("engine verbose"), r.Verbose.Contains("logged verbose"));
        Assert.Equal(r.Debug.Contains("engine verbose"), r.Debug.Contains("logged verbose"));
        Assert.Equal(r.Debug.Contains("engine debug"), r.Debug.Contains("logged debug"));
    }

    public void Dispose() => _host.Dispose();
}
