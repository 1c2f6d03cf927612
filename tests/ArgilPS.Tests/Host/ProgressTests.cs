using System.IO;
using System.Management.Automation;
using ArgilPS.Host;
using Xunit;

namespace ArgilPS.Tests.Host
{
    public class ProgressTests
    {
        [Fact]
        public void RedirectedProgressPrintsALineOnlyWhenTheTextChanges()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "foreach ($i in 1..4) { Write-Progress -Activity 'Upload' -Status 'Sending' -PercentComplete ($i * 20) }; "
                + "Write-Progress -Activity 'Upload' -Status 'Verifying' -PercentComplete 90; "
                + "Write-Progress -Activity 'Upload' -Completed; "
                + "Write-Progress -Activity 'Upload' -Status 'Sending' -PercentComplete 10; "
                + "'done'");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("done", run.Output.Trim());
            string[] expected = { "Upload: Sending (20%)", "Upload: Verifying (90%)", "Upload: Sending (10%)" };
            Assert.Equal(string.Join(System.Environment.NewLine, expected) + System.Environment.NewLine, run.Error);
        }

        [Fact]
        public void TerminalProgressIsOneUpdatingLineClearedOnCompletion()
        {
            var stdout = new StringWriter();
            var console = new HostConsole(stdout, new StringWriter(), new StringReader(string.Empty), true, false, false);
            var renderer = new ProgressRenderer(console);

            renderer.Update(new ProgressRecord(1, "Upload", "Sending") { PercentComplete = 50 }, canDraw: true);
            renderer.Update(new ProgressRecord(1, "Upload", "Sending") { PercentComplete = 100 }, canDraw: true);
            renderer.Update(new ProgressRecord(1, "Upload", "Done") { RecordType = ProgressRecordType.Completed }, canDraw: true);

            const string clear = "\r\u001b[K";
            Assert.Equal(
                clear + "Upload: Sending [==========          ] 50%"
                + clear + "Upload: Sending [====================] 100%"
                + clear,
                stdout.ToString());
        }

        [Fact]
        public void TerminalProgressLineIsTruncatedToTheWindowWidth()
        {
            var stdout = new StringWriter();
            var console = new HostConsole(stdout, new StringWriter(), new StringReader(string.Empty), true, false, false);
            var renderer = new ProgressRenderer(console);

            renderer.Update(new ProgressRecord(1, new string('a', 300), "status"), canDraw: true);

            Assert.Equal("\r\u001b[K" + new string('a', HostConsole.RedirectedWidth - 1), stdout.ToString());
        }
    }
}
