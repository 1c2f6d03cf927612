using System;
using System.Linq;
using System.Net.Sockets;
using ArgilPS.Session;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Loading;

/// <summary>
/// Remove-Module ArgilPS ends the connection and stops the sandbox: the connection lives in static
/// state that outlives the module, so without this the port kept answering and a new import was
/// still connected.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public class ModuleRemovalTests
{
    private static bool Answers(Uri uri)
    {
        using var tcp = new TcpClient();
        try
        {
            tcp.Connect(uri.Host, uri.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("Process")]
    [InlineData("Runspace")]
    public void RemoveModuleStopsTheSandboxAndANewImportIsNotConnected(string scope)
    {
        using var host = new PowerShellHost();
        var uri = (Uri)host.Run($"(Connect-Argil -Sandbox -Scope {scope} -PassThru).BaseUri").ThrowIfTerminated().Output.Single().BaseObject;
        Assert.True(Answers(uri));

        Assert.Empty(host.Run("Remove-Module ArgilPS").ThrowIfTerminated().Errors);

        Assert.False(Answers(uri), "the sandbox's port still answers after Remove-Module");
        Assert.Null(SessionStore.Connected(host.Runspace));
        host.Run($"Import-Module '{ModuleAssembly.ManifestPath}' -ErrorAction Stop").ThrowIfTerminated();
        var context = host.Run("Get-ArgilContext");
        Assert.Empty(context.Errors);
        Assert.Empty(context.Output);
        var call = host.Run("Get-ArgilAvatar");
        var refused = call.Terminating is System.Management.Automation.IContainsErrorRecord thrown ? thrown.ErrorRecord : Assert.Single(call.Errors);
        Assert.StartsWith("NotConnected,", refused.FullyQualifiedErrorId);
    }

    [Fact]
    public void ClosingOtherRunspacesThatImportedTheModuleKeepsTheConnection()
    {
        using var host = new PowerShellHost();
        host.Run("Connect-Argil -Sandbox").ThrowIfTerminated();
        try
        {
            var inParallel = host.Run($"1..2 | ForEach-Object -Parallel {{ Import-Module '{ModuleAssembly.ManifestPath}'; (Get-ArgilContext).IsSandbox }}");
            Assert.Equal(new object[] { true, true }, inParallel.Output.Select(o => o.BaseObject));
            using (var other = new PowerShellHost()) other.Run("Get-Module ArgilPS").ThrowIfTerminated();
            Assert.True((bool)host.Run("(Get-ArgilContext).IsSandbox").ThrowIfTerminated().Output.Single().BaseObject);
            Assert.True(Answers(SessionStore.Connected(host.Runspace)!.Settings.BaseUri));
        }
        finally
        {
            host.Run("Disconnect-Argil");
        }
    }
}
