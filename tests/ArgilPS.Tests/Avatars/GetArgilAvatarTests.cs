using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Avatars;

public class GetArgilAvatarTests
{
    [Fact]
    public void ListsEveryAvatarWithFiltersSentAsQuery()
    {
        using var s = new SandboxHost();
        s.CreateAvatar("Mine");
        var all = s.Run("Get-ArgilAvatar").Objects<Avatar>().ToList();
        Assert.Equal(4, all.Count);
        var r = s.Run("Get-ArgilAvatar -Orientation ASPECT_RATIO_9_16 -Model ARGIL_V1 -Visibility public");
        Assert.Equal(new[] { "Sandbox Street Reporter" }, r.Objects<Avatar>().Select(a => a.Name));
        Assert.Equal("orientation=ASPECT_RATIO_9_16&model=ARGIL_V1&visibility=public", s.Sandbox.Journal.Last().Query);
        Assert.Equal(new[] { "Mine" }, s.Run("Get-ArgilAvatar -Visibility private").Objects<Avatar>().Select(a => a.Name));
    }

    [Fact]
    public void FiltersByNameWithWildcardsAndComposesWithWhereObject()
    {
        using var s = new SandboxHost();
        s.CreateAvatar("Team Alpha");
        s.CreateAvatar("Team Beta");
        Assert.Equal(new[] { "Team Alpha", "Team Beta" }, s.Run("Get-ArgilAvatar -Name 'team*'").Objects<Avatar>().Select(a => a.Name));
        var idle = s.Run("Get-ArgilAvatar | Where-Object Status -eq 'IDLE' | ForEach-Object Name").Output.Select(o => o.ToString());
        Assert.Equal(3, idle.Count());
    }

    [Fact]
    public void AnExactNameThatMatchesNothingIsAnObjectNotFoundError()
    {
        using var s = new SandboxHost();
        var r = s.Run("Get-ArgilAvatar -Name 'Nobody'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Nobody", error.TargetObject);
        Assert.Empty(s.Run("Get-ArgilAvatar -Name 'Nobody*'").Errors);
    }

    [Fact]
    public void GetsByIdFromParametersAndFromThePipeline()
    {
        using var s = new SandboxHost();
        var a = s.CreateAvatar("A");
        var b = s.CreateAvatar("B");
        Assert.Equal(new[] { "A", "B" }, s.Run($"Get-ArgilAvatar -Id '{a}','{b}'").Objects<Avatar>().Select(x => x.Name));
        Assert.Equal(new[] { "A", "B" }, s.Run($"'{a}','{b}' | Get-ArgilAvatar").Objects<Avatar>().Select(x => x.Name));
        Assert.Equal(new[] { "A" }, s.Run($"Get-ArgilAvatar '{a}'").Objects<Avatar>().Select(x => x.Name));
        Assert.Equal(new[] { "A", "B" }, s.Run($"[pscustomobject]@{{ Id = '{a}' }}, [pscustomobject]@{{ AvatarId = '{b}' }} | Get-ArgilAvatar").Objects<Avatar>().Select(x => x.Name));
        Assert.Equal(new[] { "A", "B" }, s.Run("Get-ArgilAvatar -Visibility private | Get-ArgilAvatar").Objects<Avatar>().Select(x => x.Name));
    }

    [Fact]
    public void AMissingIdIsANonTerminatingObjectNotFoundErrorWithTheIdAsTarget()
    {
        using var s = new SandboxHost();
        var a = s.CreateAvatar("A");
        var r = s.Run($"'nope','{a}' | Get-ArgilAvatar -ErrorAction SilentlyContinue -ErrorVariable e; $e.Count");
        Assert.Equal(new[] { "A" }, r.Objects<Avatar>().Select(x => x.Name));
        var error = Assert.Single(s.Run("Get-ArgilAvatar -Id 'nope'").Errors);
        Assert.Equal("AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope", error.TargetObject);
        Assert.Contains("Avatar not found", error.ToString());
        var ex = Assert.IsType<ArgilApiException>(error.Exception);
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public void AWrongKeyIsAnAuthenticationError()
    {
        using var sandbox = ArgilPS.Sandbox.SandboxServer.Start();
        using var host = new PowerShellHost();
        var r = host.Run($@"Connect-Argil -ApiKey (ConvertTo-SecureString 'wrong-key-123456' -AsPlainText -Force) -BaseUri '{sandbox.BaseUri}' -Scope Runspace
Get-ArgilAvatar");
        var error = Assert.Single(r.Errors);
        Assert.Equal("Unauthorized,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Connect-Argil", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void ABadRequestIsInvalidArgumentWithTheApiMessage()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 400, Body = "{\"code\":400,\"message\":\"Validation error: bad filter\"}" });
        var error = Assert.Single(s.Run("Get-ArgilAvatar").Errors);
        Assert.Equal("InvalidRequest,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Validation error: bad filter", error.ToString());
        Assert.Equal("Validation error: bad filter", ((ArgilApiException)error.Exception).ApiMessage);
    }

    [Fact]
    public void ReadsTheOlderCreateAtSpelling()
    {
        using var s = new SandboxHost();
        s.Run("Set-ArgilSandbox -LegacyTimestampSpelling");
        var id = s.CreateAvatar("Old docs");
        var avatar = s.Run($"Get-ArgilAvatar -Id {id}").Objects<Avatar>().Single();
        Assert.Contains("\"createAt\"", s.Sandbox.Avatars.Get(id).Body);
        Assert.NotNull(avatar.CreatedAt);
        Assert.Equal(s.Sandbox.Clock.UtcNow.Date, avatar.CreatedAt!.Value.Date);
    }

    [Fact]
    public void ToleratesUnknownFieldsAndStatuses()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/*", StatusCode = 200,
            Body = "{\"id\":\"x1\",\"name\":\"Future\",\"status\":\"UPSCALING\",\"width\":\"1920\",\"hologram\":{\"depth\":3},\"extras\":{\"n\":5},\"createdAt\":\"2026-01-02T03:04:05Z\"}",
        });
        var r = s.Run("Get-ArgilAvatar -Id x1");
        Assert.Empty(r.Errors);
        var avatar = r.Objects<Avatar>().Single();
        Assert.Equal("UPSCALING", avatar.Status);
        Assert.Equal(1920, avatar.Width);
        Assert.Equal("5", avatar.Extras["n"]);
        Assert.Equal(new System.DateTime(2026, 1, 2, 3, 4, 5, System.DateTimeKind.Utc), avatar.CreatedAt);
    }

    [Fact]
    public void InvalidFilterValuesFailBeforeAnyRequest()
    {
        using var s = new SandboxHost();
        var r = s.Run("Get-ArgilAvatar -Model GPT");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("'Model'", error.ToString());
        Assert.Empty(s.Sandbox.Journal);
    }

    [Fact]
    public void TheDefaultTableViewShowsTheKeyColumns()
    {
        using var s = new SandboxHost();
        var text = string.Join("\n", s.Run("Get-ArgilAvatar -Visibility public | Out-String -Width 200").Output.Select(o => o.ToString()));
        Assert.Matches(@"Id\s+Name\s+Status\s+Model\s+Orientation\s+CreatedAt", text);
        Assert.Contains("Sandbox Studio Host", text);
        Assert.Contains("16:9", text);
    }

    [Fact]
    public void AvatarsConvertCleanlyToJsonAndCsv()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Export", "IDLE");
        var json = string.Concat(s.Run($"Get-ArgilAvatar -Id {id} | ConvertTo-Json -Depth 4").Output.Select(o => o.ToString()));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("TRAINING", root.GetProperty("Status").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", root.GetProperty("CreatedAt").GetString());
        Assert.Equal("IDLE", root.GetProperty("Extras").GetProperty("sandbox-outcome").GetString());
        Assert.Equal(new[] { "Id", "Name", "ActorName", "Status", "Orientation", "Model", "Width", "Height", "ThumbnailUrl", "CoverImageUrl",
            "CreatedAt", "UpdatedAt", "Gestures", "Extras", "IsReady" }, root.EnumerateObject().Select(p => p.Name));

        var csv = s.Run("Get-ArgilAvatar -Visibility public | Select-Object -First 1 | ConvertTo-Csv").Output.Select(o => o.ToString()).ToList();
        Assert.Contains("\"wave, point-right\"", csv[1]);
        Assert.DoesNotContain("System.", csv[1]);
        Assert.DoesNotContain("ArgilPS.", csv[1]);
    }
}
