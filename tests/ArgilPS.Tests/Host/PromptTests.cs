using Xunit;

namespace ArgilPS.Tests.Host
{
    public class PromptTests
    {
        [Fact]
        public void ReadHostFailsClearlyWhenInputIsNotInteractive()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "$answer = Read-Host 'Name'; 'after'");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("after", run.Output);
            Assert.Contains("Read-Host: argilps-host cannot prompt for input because standard input is not an interactive console", run.Error);
        }

        [Fact]
        public void MandatoryParameterPromptFailsWhenInputIsNotInteractive()
        {
            HostRun run = HostRun.Redirected("-NoModule", "-Command", "function Need { param([Parameter(Mandatory)][string]$Value) $Value }; Need");

            // PowerShell's binder replaces the host's error with its own message.
            Assert.Contains("Need: Cannot process command because of one or more missing mandatory parameters: Value.", run.Error);
            Assert.DoesNotContain("Supply values", run.Output);
        }

        [Fact]
        public void PromptForChoiceFailsWithoutPrintingWhenInputIsNotInteractive()
        {
            HostRun run = HostRun.Redirected(
                "-NoModule",
                "-Command",
                "$Host.UI.PromptForChoice('Confirm', 'Continue?', [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes'), 0)");

            Assert.Contains("not an interactive console", run.Error);
            Assert.Equal(string.Empty, run.Output);
        }

        [Fact]
        public void ReadHostReadsATypedLine()
        {
            HostRun run = HostRun.Interactive("Ada\n", "-NoModule", "-Command", "$n = Read-Host 'Name'; \"Hello $n\"");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Name: ", run.Output);
            Assert.Contains("Hello Ada", run.Output);
        }

        [Fact]
        public void SecureReadReturnsASecureString()
        {
            HostRun run = HostRun.Interactive(
                "s3cret\n",
                "-NoModule",
                "-Command",
                "$s = Read-Host 'Password' -AsSecureString; $s.GetType().Name; [pscredential]::new('u', $s).GetNetworkCredential().Password");

            Assert.Contains("SecureString", run.Output);
            Assert.Contains("s3cret", run.Output);
        }

        [Fact]
        public void MandatoryParametersArePromptedFor()
        {
            HostRun run = HostRun.Interactive(
                "one\ntwo\n\n",
                "-NoModule",
                "-Command",
                "function Need { param([Parameter(Mandatory)][string[]]$Items) $Items -join '+' }; Need");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Items[0]: ", run.Output);
            Assert.Contains("one+two", run.Output);
        }

        [Fact]
        public void PromptForChoiceAcceptsHotKeyAndShowsTheMenu()
        {
            HostRun run = HostRun.Interactive(
                "maybe\nn\n",
                "-NoModule",
                "-Command",
                "$c = [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No'); "
                + "'choice=' + $Host.UI.PromptForChoice('Confirm', 'Continue?', $c, 0)");

            Assert.Contains("Confirm", run.Output);
            Assert.Contains("[Y] Yes  [N] No  [?] Help (default is \"Y\"): ", run.Output);
            Assert.Contains("choice=1", run.Output);
        }

        [Fact]
        public void PromptForChoiceUsesTheDefaultOnEmptyAnswer()
        {
            HostRun run = HostRun.Interactive(
                "\n",
                "-NoModule",
                "-Command",
                "$c = [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No'); "
                + "'choice=' + $Host.UI.PromptForChoice('', 'Continue?', $c, 1)");

            Assert.Contains("choice=1", run.Output);
        }

        [Fact]
        public void PromptForCredentialAsksForUserAndPassword()
        {
            HostRun run = HostRun.Interactive(
                "alice\npw\n",
                "-NoModule",
                "-Command",
                "$c = $Host.UI.PromptForCredential('Login', 'Argil account', '', ''); $c.UserName + ':' + $c.GetNetworkCredential().Password");

            Assert.Contains("User: ", run.Output);
            Assert.Contains("Password for user alice: ", run.Output);
            Assert.Contains("alice:pw", run.Output);
        }
    }
}
