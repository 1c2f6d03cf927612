using ArgilPS.Host;
using Xunit;

namespace ArgilPS.Tests.Host
{
    public class CommandLineTests
    {
        [Fact]
        public void UnknownOptionIsAUsageError()
        {
            HostRun run = HostRun.Redirected("-Bogus", "script.ps1");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Unknown option '-Bogus'", run.Error);
            Assert.Contains("Usage:", run.Error);
            Assert.Equal(string.Empty, run.Output);
        }

        [Fact]
        public void HelpPrintsUsageAndSucceeds()
        {
            HostRun run = HostRun.Redirected("-Help");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("argilps-host [options] [-File] <script.ps1>", run.Output);
        }

        [Theory]
        [InlineData(new string[0], "Nothing to run")]
        [InlineData(new[] { "-Command" }, "requires a value")]
        [InlineData(new[] { "-Module", "m.psd1", "-NoModule", "-Command", "1" }, "cannot be used together")]
        [InlineData(new[] { "script.txt" }, ".ps1 extension")]
        public void InvalidCommandLinesAreUsageErrors(string[] args, string expectedMessage)
        {
            HostRun run = HostRun.Redirected(args);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(expectedMessage, run.Error);
        }

        [Fact]
        public void MissingScriptFileIsAUsageError()
        {
            HostRun run = HostRun.Redirected("-NoModule", "does-not-exist.ps1");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("'does-not-exist.ps1' does not exist", run.Error);
        }

        [Fact]
        public void ArgumentsAfterTheScriptBelongToTheScript()
        {
            CommandLineOptions options = CommandLineOptions.Parse(new[] { "-NoModule", "run.ps1", "-Help", "-NoModule", "x" });

            Assert.Equal("run.ps1", options.ScriptPath);
            Assert.Equal(new[] { "-Help", "-NoModule", "x" }, options.ScriptArguments);
            Assert.False(options.ShowHelp);
        }

        [Fact]
        public void CommandJoinsRemainingArgumentsAndOptionsAreCaseInsensitive()
        {
            CommandLineOptions options = CommandLineOptions.Parse(new[] { "-nomodule", "-COMMAND", "Write-Output", "a", "b" });

            Assert.True(options.NoModule);
            Assert.Equal("Write-Output a b", options.CommandText);
        }
    }
}
