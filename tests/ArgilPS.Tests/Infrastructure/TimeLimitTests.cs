using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using Xunit;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>The safety net itself: a hang fails one test, clearly, and the run goes on.</summary>
public class TimeLimitTests
{
    [Fact]
    public void AScriptPastItsTimeLimitIsStoppedAndFailsItsTest()
    {
        using var host = new PowerShellHost(importModule: false);
        var e = Assert.Throws<TimeLimitExceededException>(() => host.Run("while ($true) { }", timeLimit: TimeSpan.FromSeconds(1)));
        Assert.Equal("Time limit: 'while ($true) { }' did not finish within 1 s (a hang?); it was stopped.", e.Message);
        Assert.False(host.Abandoned);
        Assert.Equal(2, host.Run("1 + 1").Output[0].BaseObject); // the runspace is still usable
    }

    [Fact]
    public void AScriptThatWillNotStopIsAbandonedWithoutWaitingForIt()
    {
        using var gate = new ManualResetEventSlim();
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        runspace.SessionStateProxy.SetVariable("gate", gate);
        ps.AddScript("$gate.Wait()"); // a .NET wait that Stop cannot interrupt, as a cmdlet ignoring StopProcessing
        try
        {
            var e = Assert.Throws<TimeLimitExceededException>(() =>
                TimeLimit.Invoke(ps, "$gate.Wait()", out _, TimeSpan.FromSeconds(1), stopLimit: TimeSpan.FromSeconds(1)));
            Assert.Contains("did not stop either within 1 s of Stop", e.Message);
            Assert.Contains("abandoned", e.Message);
        }
        finally
        {
            gate.Set(); // let the abandoned pipeline end, so this test leaves nothing behind
            ps.Dispose();
            runspace.Dispose();
        }
    }
}
