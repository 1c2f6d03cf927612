using System;
using System.Linq;
using Xunit;

namespace ArgilPS.Tests.Host
{
    public class OutputTests
    {
        [Fact]
        public void ObjectsAreFormattedByOutDefaultAsATable()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "[pscustomobject]@{ Name = 'alpha'; Size = 1 }; [pscustomobject]@{ Name = 'beta'; Size = 22 }");

            string[] lines = Lines(run.Output);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(new[] { "Name  Size", "----  ----", "alpha    1", "beta    22" }, lines);
        }

        [Fact]
        public void ObjectsWithManyPropertiesAreFormattedAsAList()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "[pscustomobject]@{ A = 1; B = 2; C = 3; D = 4; E = 5 }");

            Assert.Equal(new[] { "A : 1", "B : 2", "C : 3", "D : 4", "E : 5" }, Lines(run.Output));
        }

        [Fact]
        public void RedirectedOutputIsPlainTextAt120Columns()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "$Host.UI.RawUI.BufferSize.Width; $Host.UI.RawUI.WindowSize.Width; $Host.UI.SupportsVirtualTerminal; "
                + "[pscustomobject]@{ Text = 'x' * 200 }");

            string[] lines = Lines(run.Output);
            Assert.Equal(new[] { "120", "120", "False" }, lines.Take(3));
            Assert.All(lines, line => Assert.True(line.Length <= 120, line));
            Assert.DoesNotContain('\u001b', run.Output);
        }

        [Fact]
        public void StreamsAreShownWithPwshPrefixes()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "Write-Verbose 'v-msg' -Verbose; Write-Warning 'w-msg'; Write-Debug 'd-msg' -Debug; "
                + "Write-Information 'i-msg' -InformationAction Continue; Write-Host 'h-msg'; Write-Verbose 'hidden'");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(new[] { "VERBOSE: v-msg", "WARNING: w-msg", "DEBUG: d-msg", "i-msg", "h-msg" }, Lines(run.Output));
            Assert.Equal(string.Empty, run.Error);
        }

        [Fact]
        public void ErrorsGoToStandardError()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "'data'; Write-Error 'bad'");

            Assert.Equal(new[] { "data" }, Lines(run.Output));
            Assert.Equal("Write-Error: bad", run.Error.Trim());
        }

        private static string[] Lines(string text) =>
            text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.TrimEnd())
                .Where(line => line.Length > 0)
                .ToArray();
    }
}
