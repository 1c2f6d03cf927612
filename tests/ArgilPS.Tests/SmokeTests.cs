using System.Linq;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests;

public class SmokeTests
{
    [Fact]
    public void QuickstartFlowWorksAgainstTheSandbox()
    {
        using var host = new PowerShellHost();
        var r = host.Run(@"
Connect-Argil -Sandbox -Scope Runspace
$a = New-ArgilAvatar -Name 'Smoke' -ImageUrl 'https://example.com/me.png'
$a | Wait-ArgilAvatar -PollingInterval 5
Get-ArgilAvatar
Disconnect-Argil");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        var avatars = r.Objects<Avatar>().ToList();
        Assert.Equal("IDLE", avatars[0].Status);
        Assert.Contains(avatars.Skip(1), a => a.Name == "Smoke");
    }
}
