using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>Input that used to crash, be sent mangled or read oddly: refused or told clearly, before any request.</summary>
public class HostileInputTests
{
    [Theory]
    [InlineData("Demo [EN")]
    [InlineData("[")]
    [InlineData("[z-a]")]
    public void ABrokenWildcardPatternIsABindingErrorNamingNameBeforeAnyRequest(string pattern)
    {
        using var s = new SandboxHost();
        var r = s.Run($"Get-ArgilAvatar -Name '{pattern}' -ErrorAction SilentlyContinue; 'next statement ran'");
        // Bad input: a parameter-binding error, which ends that statement only, as for any other parameter.
        var error = Assert.Single(r.Errors);
        Assert.Equal("ParameterArgumentValidationError,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains("'Name'", error.Exception.Message);
        Assert.Contains("not a valid wildcard pattern", error.Exception.Message);
        Assert.Contains("[WildcardPattern]::Escape(", error.Exception.Message);
        Assert.Equal(new object[] { "next statement ran" }, r.Output.Select(o => o.BaseObject));
        Assert.Empty(s.Sandbox.Journal);
        // The escaped pattern the message suggests works.
        Assert.Empty(s.Run($"Get-ArgilAvatar -Name ([WildcardPattern]::Escape('{pattern}')) -ErrorAction SilentlyContinue | Out-Null; $Error | Where-Object FullyQualifiedErrorId -like 'ParameterArgument*' | Select-Object -Skip 1").Output);
    }

    [Theory]
    [InlineData("@{ team = @{ a = 1 } }", "team", "hashtable")]
    [InlineData("@{ team = 1, 2 }", "team", "list of values")]
    [InlineData("@{ team = [pscustomobject]@{ a = 1 } }", "team", "PSCustomObject")]
    [InlineData("@{ team = { Get-Date } }", "team", "script block")]
    public void ExtrasThatAreNotScalarsAreRefusedNamingTheKeyBeforeAnyRequest(string extras, string key, string kind)
    {
        using var s = new SandboxHost();
        var r = s.Run($"New-ArgilAvatar -Name a -ImageUrl 'https://example.com/a.png' -Extras {extras}");
        var error = r.Terminating is ParameterBindingException pbe ? pbe.ErrorRecord : Assert.Single(r.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("'Extras'", error.Exception.Message);
        Assert.Contains($"the value of '{key}' is a {kind}", error.Exception.Message);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Fact]
    public void ScalarExtrasAreStillSentAsText()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAvatar -Name a -ImageUrl 'https://example.com/a.png' -Extras @{ n = 42; b = $true; t = 'x' } | Out-Null");
        Assert.Empty(r.Errors);
        var body = s.Sandbox.Journal.Single().Body;
        Assert.Contains("\"n\":\"42\"", body);
        Assert.Contains("\"b\":\"True\"", body);
    }

    [Fact]
    public void AnImagePathThatIsADirectorySaysSo()
    {
        using var s = new SandboxHost();
        var folder = System.IO.Directory.CreateTempSubdirectory("argilps-").FullName;
        try
        {
            var r = s.Run($"New-ArgilAvatar -Name a -ImagePath '{folder}'");
            var error = Assert.Single(r.Errors);
            Assert.Equal("InvalidImagePath,ArgilPS.Commands.NewArgilAvatarCommand", error.FullyQualifiedErrorId);
            Assert.Contains("is a directory", error.ErrorDetails.Message);
            Assert.DoesNotContain("does not exist", error.ErrorDetails.Message);
            Assert.Empty(s.Sandbox.Journal);
        }
        finally
        {
            System.IO.Directory.Delete(folder);
        }
    }

    [Fact]
    public void AWaitTimeoutForAnAvatarWithoutAStatusReadsProperly()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/*", StatusCode = 200, Body = "{\"id\":\"a1\",\"name\":\"No status\"}", Count = 10 });
        var r = s.Run("Wait-ArgilAvatar -Id a1 -Timeout 0");
        var error = Assert.Single(r.Errors);
        Assert.Equal("AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("still  ", error.ErrorDetails.Message);
        Assert.Contains("Avatar 'No status' (a1) had not finished training (the API gave no status)", error.ErrorDetails.Message);
    }
}
