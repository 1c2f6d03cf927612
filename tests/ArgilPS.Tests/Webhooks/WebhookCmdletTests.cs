using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>The webhook cmdlets against the sandbox: the bodies sent, the 204, the list used for ids, the errors.</summary>
public class WebhookCmdletTests
{
    private const string Url = "https://hooks.example.com/argil";

    private static string NewWebhook(SandboxHost s, string url = Url, string events = "VIDEO_GENERATION_SUCCESS") =>
        s.Run($"(New-ArgilWebhook -CallbackUrl '{url}' -Event {events} -ErrorAction Stop).Id").ThrowIfTerminated().Output.Single().ToString();

    private static IEnumerable<SandboxRequest> Requests(SandboxHost s, string method) => s.Sandbox.Journal.Where(r => r.Method == method && r.Path.StartsWith("/webhooks", System.StringComparison.Ordinal));

    [Fact]
    public void NewSendsTheUrlAndTheEventsOnceEachAndOutputsTheWebhook()
    {
        using var s = new SandboxHost();
        var r = s.Run($"New-ArgilWebhook -CallbackUrl '{Url}' -Event video_generation_success, AVATAR_TRAINING_FAILED, VIDEO_GENERATION_SUCCESS");
        Assert.Empty(r.Errors);
        var webhook = Assert.Single(r.Objects<Webhook>());
        Assert.Equal(Url, webhook.CallbackUrl);
        Assert.Equal(new[] { "VIDEO_GENERATION_SUCCESS", "AVATAR_TRAINING_FAILED" }, webhook.Events);
        Assert.NotNull(webhook.CreatedAt);
        Assert.Null(webhook.LastTriggeredAt);
        var post = Assert.Single(Requests(s, "POST"));
        Assert.Equal("{\"callbackUrl\":\"https://hooks.example.com/argil\",\"events\":[\"VIDEO_GENERATION_SUCCESS\",\"AVATAR_TRAINING_FAILED\"]}", post.Body);
        Assert.Equal(201, post.StatusCode);
    }

    [Fact]
    public void NewBindsByPropertyNameSoCsvRowsMakeOneWebhookEach()
    {
        using var s = new SandboxHost();
        var r = s.Run("\"CallbackUrl,Events`nhttps://a.example.com/h,AVATAR_TRAINING_SUCCESS`nhttps://b.example.com/h,VIDEO_GENERATION_FAILED\" | ConvertFrom-Csv | New-ArgilWebhook");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "https://a.example.com/h", "https://b.example.com/h" }, r.Objects<Webhook>().Select(w => w.CallbackUrl));
        Assert.Equal(2, Requests(s, "POST").Count());
    }

    [Theory]
    [InlineData("http://hooks.example.com/a", "must use https://")]
    [InlineData("ftp://hooks.example.com/a", "the scheme 'ftp'")]
    [InlineData("relative/path", "not an absolute URL")]
    public void ACallbackUrlThatIsNotHttpsIsRefusedBeforeAnyRequestNamingTheParameter(string url, string rule)
    {
        using var s = new SandboxHost();
        var r = s.Run($"New-ArgilWebhook -CallbackUrl '{url}' -Event VIDEO_GENERATION_SUCCESS");
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidCallbackUrl,ArgilPS.Commands.NewArgilWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-CallbackUrl", error.ToString());
        Assert.Contains(rule, error.ToString());
        Assert.Empty(Requests(s, "POST"));
    }

    [Fact]
    public void LoopbackHttpIsTakenOnlyWhenConnectedToTheSandbox()
    {
        using var s = new SandboxHost();
        Assert.Empty(s.Run("New-ArgilWebhook -CallbackUrl 'http://127.0.0.1:8080/hook' -Event AVATAR_TRAINING_SUCCESS").Errors);
        Assert.Empty(s.Run("New-ArgilWebhook -CallbackUrl 'http://localhost:8080/hook' -Event AVATAR_TRAINING_SUCCESS").Errors);

        using var host = new PowerShellHost();
        var r = host.Run("Connect-Argil -ApiKey (ConvertTo-SecureString 'k-123456789' -AsPlainText -Force) -BaseUri 'https://api.example.com/v1' -Scope Runspace\n" +
            "New-ArgilWebhook -CallbackUrl 'http://127.0.0.1:8080/hook' -Event AVATAR_TRAINING_SUCCESS");
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidCallbackUrl,ArgilPS.Commands.NewArgilWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Contains("only for a loopback receiver while connected to the sandbox", error.ToString());
    }

    [Fact]
    public void GetListsOnceForManyIdsAndAnUnknownIdIsWebhookNotFound()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s, "https://a.example.com/h");
        var b = NewWebhook(s, "https://b.example.com/h", "AVATAR_TRAINING_SUCCESS");
        s.Sandbox.ClearJournal();
        var r = s.Run($"'{b}', 'nope', '{a}' | Get-ArgilWebhook");
        Assert.Equal(new[] { b, a }, r.Objects<Webhook>().Select(w => w.Id));
        var error = Assert.Single(r.Errors);
        Assert.Equal("WebhookNotFound,ArgilPS.Commands.GetArgilWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope", error.TargetObject);
        Assert.Single(Requests(s, "GET"));
        Assert.Equal(2, s.Run("Get-ArgilWebhook").Objects<Webhook>().Count());
    }

    [Fact]
    public void EventKeepsTheWebhooksSubscribedToAnyOfTheEvents()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s, "https://a.example.com/h", "VIDEO_GENERATION_SUCCESS, AVATAR_TRAINING_FAILED");
        var b = NewWebhook(s, "https://b.example.com/h", "AVATAR_TRAINING_SUCCESS");
        Assert.Equal(new[] { a }, s.Run("Get-ArgilWebhook -Event AVATAR_TRAINING_FAILED").Objects<Webhook>().Select(w => w.Id));
        Assert.Equal(new[] { a, b }, s.Run("Get-ArgilWebhook -Event AVATAR_TRAINING_FAILED, AVATAR_TRAINING_SUCCESS").Objects<Webhook>().Select(w => w.Id));
        Assert.Empty(s.Run($"Get-ArgilWebhook -Id '{b}' -Event VIDEO_GENERATION_FAILED").Objects<Webhook>());
    }

    [Fact]
    public void SetSendsOnlyWhatIsGivenAndTakesWebhooksFromThePipeline()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s, "https://a.example.com/h", "VIDEO_GENERATION_SUCCESS");
        var b = NewWebhook(s, "https://b.example.com/h", "AVATAR_TRAINING_SUCCESS");
        s.Sandbox.ClearJournal();

        var r = s.Run("Get-ArgilWebhook | Set-ArgilWebhook -Event VIDEO_GENERATION_FAILED, VIDEO_GENERATION_FAILED");
        Assert.Empty(r.Errors);
        Assert.All(r.Objects<Webhook>(), w => Assert.Equal(new[] { "VIDEO_GENERATION_FAILED" }, w.Events));
        Assert.Equal(new[] { "https://a.example.com/h", "https://b.example.com/h" }, r.Objects<Webhook>().Select(w => w.CallbackUrl));
        var puts = Requests(s, "PUT").ToList();
        Assert.Equal(new[] { "/webhooks/" + a, "/webhooks/" + b }, puts.Select(p => p.Path));
        Assert.All(puts, p => Assert.Equal("{\"events\":[\"VIDEO_GENERATION_FAILED\"]}", p.Body));

        s.Run($"Set-ArgilWebhook '{a}' -CallbackUrl 'https://new.example.com/h'").ThrowIfTerminated();
        Assert.Equal("{\"callbackUrl\":\"https://new.example.com/h\"}", Requests(s, "PUT").Last().Body);
    }

    [Fact]
    public void SetWithNothingToChangeIsAParameterErrorBeforeAnyRequest()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s);
        s.Sandbox.ClearJournal();
        var r = s.Run($"Set-ArgilWebhook -Id '{a}'");
        var error = r.Terminating is IContainsErrorRecord thrown ? thrown.ErrorRecord : Assert.Single(r.Errors);
        Assert.Equal("NothingToChange,ArgilPS.Commands.SetArgilWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(s.Sandbox.Journal);
        var bad = s.Run($"Set-ArgilWebhook -Id '{a}' -CallbackUrl 'http://hooks.example.com/x'");
        Assert.StartsWith("InvalidCallbackUrl,", (bad.Terminating is IContainsErrorRecord t ? t.ErrorRecord : Assert.Single(bad.Errors)).FullyQualifiedErrorId);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Fact]
    public void SetAndRemoveOfAnUnknownIdAreWebhookNotFoundWithTheIdAsTarget()
    {
        using var s = new SandboxHost();
        foreach (var script in new[] { "Set-ArgilWebhook -Id 'gone' -Event VIDEO_GENERATION_SUCCESS", "Remove-ArgilWebhook -Id 'gone' -Force" })
        {
            var error = Assert.Single(s.Run(script).Errors);
            Assert.StartsWith("WebhookNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("gone", error.TargetObject);
            Assert.Equal(404, ((ArgilApiException)error.Exception).StatusCode);
        }
    }

    [Fact]
    public void RemoveHandlesThe204WithoutABodyAndForceSkipsOnlyTheQuestion()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s);
        var b = NewWebhook(s);
        s.Run($"Remove-ArgilWebhook -Id '{a}' -Force -WhatIf").ThrowIfTerminated();
        Assert.Empty(Requests(s, "DELETE"));
        var r = s.Run($"[pscustomobject]@{{ WebhookId = '{a}' }}, '{b}' | Remove-ArgilWebhook -Force");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Equal(new[] { 204, 204 }, Requests(s, "DELETE").Select(d => d.StatusCode));
        Assert.Empty(s.Run("Get-ArgilWebhook").Output);
    }

    [Fact]
    public void RemoveWithoutForceAsksAndAHostThatCannotAskDeletesNothing()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s);
        var r = s.Run($"Remove-ArgilWebhook -Id '{a}'");
        // The hosted runspace has no UI: the question cannot be asked, so nothing is deleted.
        Assert.NotNull(r.Terminating ?? (object?)r.Errors.FirstOrDefault());
        Assert.Empty(Requests(s, "DELETE"));
        s.Run($"$ConfirmPreference = 'None'; Remove-ArgilWebhook -Id '{a}'").ThrowIfTerminated();
        Assert.Single(Requests(s, "DELETE"));
    }

    [Fact]
    public void ReadsTheOlderCreateAtSpellingAndUnknownEventNames()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/webhooks", StatusCode = 200,
            Body = "[{\"id\":\"w1\",\"callbackUrl\":\"https://h.example.com\",\"events\":[\"VIDEO_GENERATION_SUCCESS\",\"VOICE_CLONED\",7],\"createAt\":\"2026-01-02T03:04:05Z\",\"lastTriggeredAt\":null,\"future\":{}}]",
        });
        var webhook = Assert.Single(s.Run("Get-ArgilWebhook").Objects<Webhook>());
        Assert.Equal(new[] { "VIDEO_GENERATION_SUCCESS", "VOICE_CLONED" }, webhook.Events);
        Assert.Equal(new System.DateTime(2026, 1, 2, 3, 4, 5, System.DateTimeKind.Utc), webhook.CreatedAt);
        Assert.Null(webhook.LastTriggeredAt);
    }

    [Fact]
    public void TheTableViewShowsAddressEventsAndLastCall()
    {
        using var s = new SandboxHost();
        NewWebhook(s, "https://view.example.com/h", "AVATAR_TRAINING_SUCCESS");
        var text = string.Concat(s.Run("Get-ArgilWebhook | Format-Table | Out-String -Width 160").Output.Select(o => o.ToString()));
        Assert.Contains("CallbackUrl", text);
        Assert.Contains("https://view.example.com/h", text);
        Assert.Contains("AVATAR_TRAINING_SUCCESS", text);
        Assert.Contains("never", text);
    }

    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    [Fact]
    public void IdCompletesWebhookIdsShowingAddressAndEvents()
    {
        using var s = new SandboxHost();
        var a = NewWebhook(s, "https://zebra.example.com/h", "AVATAR_TRAINING_SUCCESS");
        foreach (var command in new[] { "Get-ArgilWebhook -Id ", "Set-ArgilWebhook -Id ", "Remove-ArgilWebhook -Id " })
        {
            var match = Assert.Single(Complete(s, command).CompletionMatches);
            Assert.Equal($"'{a}'", match.CompletionText);
            Assert.Equal($"{a} (https://zebra.example.com/h)", match.ListItemText);
            Assert.Equal("https://zebra.example.com/h: AVATAR_TRAINING_SUCCESS", match.ToolTip);
        }
        Assert.Single(Complete(s, "Get-ArgilWebhook -Id zebra").CompletionMatches);
    }

    public static TheoryData<string> HostileIds => new()
    {
        "w'; Set-Content ./PWNED.txt injected; '",
        "w\u2019$(Set-Content ./PWNED.txt injected)\u2018",
        "w`$(1)` \"x\"",
        "w\nSet-Content ./PWNED.txt injected",
        "w\u001b[2J\u0007\u009b",
        "-Force",
        "--%",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void ACompletedHostileIdIsExactlyOneArgumentAndShownWithoutControlCharacters(string id)
    {
        using var s = new SandboxHost();
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { new { id, callbackUrl = "https://h.example.com/\u001b[31m", events = new[] { "VIDEO_GENERATION_SUCCESS" } } });
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/webhooks", StatusCode = 200, Body = json, Count = 100 });
        const string input = "Remove-ArgilWebhook -Id ";
        var completion = Complete(s, input);
        var match = Assert.Single(completion.CompletionMatches);
        Assert.DoesNotContain(match.ListItemText, char.IsControl);
        Assert.DoesNotContain(match.ToolTip, char.IsControl);
        var line = input + match.CompletionText;
        var ast = Parser.ParseInput(line, out _, out var errors);
        Assert.Empty(errors);
        var pipeline = Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements));
        var command = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(3, command.CommandElements.Count);
        Assert.Equal(id, Assert.IsType<StringConstantExpressionAst>(command.CommandElements[2]).Value);
    }
}
