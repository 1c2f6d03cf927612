using Xunit;

namespace ArgilPS.Tests.Host
{
    public class ScriptExecutionTests
    {
        [Fact]
        public void ScriptFileReceivesNamedSwitchAndPositionalArguments()
        {
            using var dir = new TempDirectory();
            string script = dir.WriteFile("args.ps1", """
                param([string]$Name = 'none', [switch]$Loud, [int]$Count)
                "Name=$Name Loud=$Loud Count=$Count Rest=$($args -join ',') Root=$(Split-Path -Leaf $PSScriptRoot)"
                """);

            HostRun run = HostRun.Redirected("-NoModule", "-File", script, "-Name", "bob", "-Loud", "-Count:3", "x", "y");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"Name=bob Loud=True Count=3 Rest=x,y Root={System.IO.Path.GetFileName(dir.Path)}", run.Output);
        }

        [Fact]
        public void CommandTextRunsInTheGlobalScope()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "$x = 40; function Add-Two($n) { $n + 2 }; Add-Two $global:x");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("42", run.Output.Trim());
            Assert.Equal(string.Empty, run.Error);
        }

        [Fact]
        public void SuccessfulScriptWithNonTerminatingErrorExitsZero()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "Write-Error 'soft failure'; 'done'");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("done", run.Output);
            Assert.Contains("Write-Error: soft failure", run.Error);
        }

        [Fact]
        public void UncaughtThrowIsShownConciselyWithoutStackTraceAndExitsOne()
        {
            using var dir = new TempDirectory();
            string script = dir.WriteFile("fail.ps1", """
                'before'
                throw 'boom'
                'after'
                """);

            HostRun run = HostRun.Redirected("-NoModule", script);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("before", run.Output);
            Assert.DoesNotContain("after", run.Output);
            Assert.Contains("Exception: " + script + ":2", run.Error);
            Assert.Contains("| boom", run.Error);
            Assert.DoesNotContain("   at ", run.Error);
            Assert.DoesNotContain("RuntimeException", run.Error);
        }

        [Fact]
        public void StatementTerminatingCmdletErrorIsPrefixedWithTheCommandName()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "function Get-Thing { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError("
                + "[System.Management.Automation.ErrorRecord]::new([Exception]::new('thing is gone'), 'Gone', 'ObjectNotFound', $null)) }; Get-Thing; 'after'");

            // Like in pwsh, a cmdlet's terminating error ends only its statement, not the script.
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("Get-Thing: thing is gone", run.Error.Trim());
            Assert.Equal("after", run.Output.Trim());
        }

        [Fact]
        public void ExitInScriptFileSetsTheExitCode()
        {
            using var dir = new TempDirectory();
            string script = dir.WriteFile("exit.ps1", """
                function Stop-Here { exit 7 }
                'started'
                Stop-Here
                'not reached'
                """);

            HostRun run = HostRun.Redirected("-NoModule", script);

            Assert.Equal(7, run.ExitCode);
            Assert.Contains("started", run.Output);
            Assert.DoesNotContain("not reached", run.Output);
        }

        [Fact]
        public void ExitInCommandSetsTheExitCode()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "'x'; exit 5");

            Assert.Equal(5, run.ExitCode);
        }

        [Fact]
        public void ExitZeroAfterAnErrorIsHonoured()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "try { throw 'x' } catch { exit 0 }");

            Assert.Equal(0, run.ExitCode);
        }

        [Fact]
        public void ParseErrorInScriptFileExitsOne()
        {
            using var dir = new TempDirectory();
            string script = dir.WriteFile("broken.ps1", "'ok'\nif ($true) {\n");

            HostRun run = HostRun.Redirected("-NoModule", script);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("ParserError: " + script, run.Error);
            Assert.Contains("Missing closing '}'", run.Error);
            Assert.DoesNotContain("ok", run.Output);
        }

        [Fact]
        public void ParseErrorInCommandExitsOne()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "\"unterminated");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("ParserError:", run.Error);
            Assert.Contains("The string is missing the terminator", run.Error);
        }
    }
}
