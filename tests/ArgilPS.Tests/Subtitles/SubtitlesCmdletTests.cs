using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using ArgilPS.Subtitles;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Subtitles;

/// <summary>
/// Get-ArgilSubtitleStyle and Export-ArgilSubtitle over the real HTTP path, against a loopback server
/// that answers as the API documents (argil-api.md §7): the items envelope page by page, and the export as text.
/// </summary>
public sealed class SubtitlesCmdletTests : IDisposable
{
    private const string Key = "subtitle-test-key-0123456789abcdef";
    private readonly List<IDisposable> _owned = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("argilps-subtitles-").FullName;

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    private PowerShellHost ConnectedTo(LoopbackServer server)
    {
        var host = new PowerShellHost();
        _owned.Add(host);
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{server.BaseUri}' -Scope Runspace -MaximumRetryCount 0",
            new Dictionary<string, object?> { ["secure"] = Secure(Key) }).ThrowIfTerminated();
        return host;
    }

    private LoopbackServer Serve(Func<LoopbackExchange, Task> respond)
    {
        var server = new LoopbackServer(respond);
        _owned.Add(server);
        return server;
    }

    // ---- The styles: the items envelope, every page, streamed ----

    /// <summary>A GET /subtitles that holds <paramref name="total"/> styles, paged as asked (page, pageSize).</summary>
    private LoopbackServer StyleList(int total)
    {
        return Serve(x =>
        {
            var query = Regex.Match(x.RequestLine, @"^GET /v1/subtitles\?page=(\d+)&pageSize=(\d+) ");
            if (!query.Success) return x.AnswerAsync(404, "{\"code\":404,\"message\":\"unexpected request\"}");
            var page = int.Parse(query.Groups[1].Value);
            var size = int.Parse(query.Groups[2].Value);
            var items = Enumerable.Range((page - 1) * size + 1, Math.Max(0, Math.Min(size, total - (page - 1) * size)))
                .Select(i => new { id = $"style-{i:000}", name = $"Style {i:000}", font = "ignored" });
            var body = JsonSerializer.Serialize(new { items, totalItems = total, totalPages = (total + size - 1) / size, currentPage = page, itemsPerPage = size });
            return x.AnswerAsync(200, body);
        });
    }

    [Fact]
    public void EveryPageIsReadWithPageSize100AndTheStylesComeOutInOrder()
    {
        var server = StyleList(250);
        var host = ConnectedTo(server);

        var styles = host.Run("Get-ArgilSubtitleStyle").ThrowIfTerminated().Objects<SubtitleStyle>().ToList();

        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"style-{i:000}"), styles.Select(s => s.Id));
        Assert.Equal("Style 001", styles[0].Name);
        Assert.Equal(new[]
        {
            "GET /v1/subtitles?page=1&pageSize=100 HTTP/1.1",
            "GET /v1/subtitles?page=2&pageSize=100 HTTP/1.1",
            "GET /v1/subtitles?page=3&pageSize=100 HTTP/1.1",
        }, server.RequestLines);
    }

    [Fact]
    public void EachPageIsWrittenBeforeTheNextIsRequested()
    {
        var server = StyleList(250);
        var host = ConnectedTo(server);
        Func<int> requests = () => server.Requests;

        // What the server had been asked when each style reached the next command of the pipeline.
        var seen = host.Run("Get-ArgilSubtitleStyle | ForEach-Object { $requests.Invoke() }", new Dictionary<string, object?> { ["requests"] = requests })
            .ThrowIfTerminated().Objects<int>().ToList();

        Assert.Equal(250, seen.Count);
        Assert.All(seen.Take(100), n => Assert.Equal(1, n));
        Assert.All(seen.Skip(100).Take(100), n => Assert.Equal(2, n));
        Assert.All(seen.Skip(200), n => Assert.Equal(3, n));
    }

    [Theory]
    [InlineData("-First 5", 5, 1)]
    [InlineData("-First 100", 100, 1)]
    [InlineData("-First 101", 101, 2)]
    [InlineData("-Skip 120 -First 10", 10, 2)]
    [InlineData("-Skip 240", 10, 3)]
    [InlineData("-First 0", 0, 0)]
    [InlineData("| Select-Object -First 3", 3, 1)]
    public void FirstAndSkipStopRequestingPagesOnceSatisfied(string arguments, int count, int requests)
    {
        var server = StyleList(250);
        var host = ConnectedTo(server);

        var styles = host.Run("Get-ArgilSubtitleStyle " + arguments).ThrowIfTerminated().Objects<SubtitleStyle>().ToList();

        Assert.Equal(count, styles.Count);
        Assert.Equal(requests, server.Requests);
    }

    [Fact]
    public void IncludeTotalCountGivesTheApiTotalBeforeTheStyles()
    {
        var server = StyleList(250);
        var host = ConnectedTo(server);

        var r = host.Run("Get-ArgilSubtitleStyle -IncludeTotalCount -First 2 | ForEach-Object { $_.ToString() }").ThrowIfTerminated();

        Assert.Equal(new[] { "Total count: 250", "Style 001", "Style 002" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void NameFiltersAcrossPagesWithWildcardsAndAnExactNameThatMatchesNothingIsAnError()
    {
        var server = StyleList(250);
        var host = ConnectedTo(server);

        Assert.Equal(new[] { "Style 099", "Style 199" }, host.Run("Get-ArgilSubtitleStyle -Name '*99'").Objects<SubtitleStyle>().Select(s => s.Name));
        Assert.Equal(new[] { "Style 150" }, host.Run("Get-ArgilSubtitleStyle 'style 150'").Objects<SubtitleStyle>().Select(s => s.Name));

        var r = host.Run("Get-ArgilSubtitleStyle -Name 'Nothing'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("SubtitleStyleNotFound,ArgilPS.Commands.GetArgilSubtitleStyleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Nothing", error.TargetObject);
        Assert.Empty(host.Run("Get-ArgilSubtitleStyle -Name 'Nothing*'").Errors);
    }

    [Theory]
    [InlineData("{\"videos\":[{\"id\":\"a\",\"name\":\"b\"}],\"totalItems\":1}")]   // the other envelope
    [InlineData("[{\"id\":\"a\",\"name\":\"b\"}]")]                                 // a bare array
    [InlineData("{\"items\":[{\"name\":\"no id\"}]}")]
    [InlineData("{\"items\":[42]}")]
    public void APageOfTheWrongShapeIsAnUnexpectedResponseError(string body)
    {
        var server = Serve(x => x.AnswerAsync(200, body));
        var host = ConnectedTo(server);

        var error = Assert.Single(host.Run("Get-ArgilSubtitleStyle").Errors);

        Assert.StartsWith("UnexpectedResponse,", error.FullyQualifiedErrorId);
        Assert.Contains("/subtitles", error.ToString());
    }

    [Fact]
    public void UnknownFieldsAndAWrongTypedNameDoNotFailTheList()
    {
        var server = Serve(x => x.AnswerAsync(200, "{\"items\":[{\"id\":\"s1\",\"name\":{\"x\":1},\"new\":true},null,{\"id\":\"s2\",\"name\":\"Two\"}],\"totalItems\":2,\"totalPages\":1,\"currentPage\":1,\"itemsPerPage\":100}"));
        var host = ConnectedTo(server);

        var styles = host.Run("Get-ArgilSubtitleStyle").ThrowIfTerminated().Objects<SubtitleStyle>().ToList();

        Assert.Equal(new[] { "s1", "s2" }, styles.Select(s => s.Id));
        Assert.Equal(new[] { "", "Two" }, styles.Select(s => s.Name));
    }

    // ---- The export: text, not JSON ----

    private const string Vtt = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.200\nCafé — 日本語 😀 <b>\n\n";

    /// <summary>An export endpoint: 200 with the text and <paramref name="disposition"/>, or 404 for the id "missing".</summary>
    private LoopbackServer Export(string? disposition = "attachment; filename=\"Weekly update.vtt\"", string body = Vtt, string contentType = "text/vtt")
    {
        return Serve(x =>
        {
            if (x.RequestLine.Contains("/videos/missing/", StringComparison.Ordinal))
                return x.AnswerAsync(404, "{\"code\":404,\"message\":\"Video project not found or user does not have access\"}");
            if (x.RequestLine.Contains("/videos/unrendered/", StringComparison.Ordinal))
                return x.AnswerAsync(400, "{\"code\":400,\"message\":\"Validation error: no subtitles yet\"}");
            var header = disposition is null ? "" : $"Content-Disposition: {disposition}\r\n";
            return x.AnswerAsync(200, body, contentType, header);
        });
    }

    [Fact]
    public void TheTextIsOutputAsSentAfterAGetWithFormatStylingAndAcceptAnything()
    {
        string? head = null;
        var server = Serve(x =>
        {
            head = x.Head;
            return x.AnswerAsync(200, Vtt, "text/x-ass; charset=utf-8", "Content-Disposition: attachment; filename=\"a.ass\"\r\n");
        });
        var host = ConnectedTo(server);

        var r = host.Run("Export-ArgilSubtitle -VideoId 'v-1' -Format ass -IncludeStyling").ThrowIfTerminated();

        Assert.Empty(r.Errors);
        Assert.Equal(Vtt, Assert.Single(r.Objects<string>()));
        Assert.Equal(new[] { "GET /v1/subtitles/videos/v-1/export?format=ass&includeStyling=true HTTP/1.1" }, server.RequestLines);
        Assert.Contains("\r\nAccept: */*", head);
        Assert.Contains("\r\nx-api-key: " + Key, head);
    }

    [Fact]
    public void TheDefaultsAreVttWithoutStylingAndIdsComeFromThePipelineByValueAndByPropertyName()
    {
        var server = Export();
        var host = ConnectedTo(server);

        var r = host.Run("'a', [pscustomobject]@{ VideoId = 'b' }, [pscustomobject]@{ Id = 'c' } | Export-ArgilSubtitle").ThrowIfTerminated();

        Assert.Equal(3, r.Objects<string>().Count());
        Assert.Equal(new[] { "a", "b", "c" }.Select(id => $"GET /v1/subtitles/videos/{id}/export?format=vtt&includeStyling=false HTTP/1.1"), server.RequestLines);
    }

    [Fact]
    public void AnUnknownVideoIsAVideoNotFoundErrorAndTheOthersAreStillExported()
    {
        var server = Export();
        var host = ConnectedTo(server);

        var r = host.Run("Export-ArgilSubtitle -VideoId 'missing', 'v-2'");

        Assert.Single(r.Objects<string>());
        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoNotFound,ArgilPS.Commands.ExportArgilSubtitleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("missing", error.TargetObject);
        Assert.Contains("No video with id 'missing'", error.ToString());
        Assert.Contains("Video project not found", error.ToString());
        Assert.Contains("Get-ArgilVideo", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AVideoThatIsNotRenderedIsAnInvalidRequestThatSaysHowToRenderIt()
    {
        var host = ConnectedTo(Export());

        var error = Assert.Single(host.Run("Export-ArgilSubtitle 'unrendered'").Errors);

        Assert.Equal("InvalidRequest,ArgilPS.Commands.ExportArgilSubtitleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("unrendered", error.TargetObject);
        Assert.Contains("no subtitles yet", error.ToString());
        Assert.Contains("Start-ArgilVideoRender", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AnHtmlPageIsAnUnexpectedResponse()
    {
        var host = ConnectedTo(Export(body: "<!DOCTYPE html><html><body>Sign in</body></html>", contentType: "text/html"));

        var error = Assert.Single(host.Run("Export-ArgilSubtitle 'v-1'").Errors);

        Assert.StartsWith("UnexpectedResponse,", error.FullyQualifiedErrorId);
        Assert.Contains("HTML page", error.ToString());
    }

    [Fact]
    public void AnInvalidIdIsRefusedBeforeAnyRequest()
    {
        var server = Export();
        var host = ConnectedTo(server);

        var error = Assert.Single(host.Run("Export-ArgilSubtitle '..'").Errors);

        Assert.StartsWith("InvalidRequest,", error.FullyQualifiedErrorId);
        Assert.Equal(0, server.Requests);
    }

    // ---- The export to files ----

    private string Run(PowerShellHost host, string script, out ScriptResult result)
    {
        result = host.Run(script, new Dictionary<string, object?> { ["folder"] = _folder });
        return string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId));
    }

    [Fact]
    public void IntoAFolderEachFileIsNamedAsTheApiSuggestsAndOutputAsAFileInfo()
    {
        var host = ConnectedTo(Export());

        Run(host, "Export-ArgilSubtitle -VideoId 'v-1' -Path $folder", out var r);

        Assert.Empty(r.Errors);
        var file = Assert.Single(r.Objects<FileInfo>());
        Assert.Equal(Path.Combine(_folder, "Weekly update.vtt"), file.FullName);
        Assert.Equal(Vtt, File.ReadAllText(file.FullName, Encoding.UTF8));
        Assert.Equal(Encoding.UTF8.GetBytes(Vtt), File.ReadAllBytes(file.FullName)); // UTF-8, no byte order mark
        Assert.Equal(new[] { "Weekly update.vtt" }, Directory.GetFiles(_folder).Select(Path.GetFileName)); // no *.partial left
    }

    [Theory]
    [InlineData("attachment; filename=\"../../escaped.vtt\"")]
    [InlineData("attachment; filename=\"..\\\\..\\\\escaped.vtt\"")]
    [InlineData("attachment; filename*=UTF-8''..%2F..%2Fescaped.vtt")]
    [InlineData("attachment; filename=\"/tmp/escaped.vtt\"")]
    [InlineData("attachment; filename=\"..\"")]
    [InlineData("attachment; filename=\".profile\"")]
    [InlineData("attachment; filename=\"evil\u202Etxt.vtt\"")]
    [InlineData(null)]
    public void AHostileOrMissingNameWritesTheVideoIdFileInsideTheFolder(string? disposition)
    {
        var host = ConnectedTo(Export(disposition));
        var inner = Directory.CreateDirectory(Path.Combine(_folder, "a", "b")).FullName;

        var r = host.Run("Export-ArgilSubtitle -VideoId 'v-1' -Path $inner", new Dictionary<string, object?> { ["inner"] = inner });

        Assert.Empty(r.Errors);
        Assert.Equal(Path.Combine(inner, "v-1.vtt"), Assert.Single(r.Objects<FileInfo>()).FullName);
        Assert.Equal(new[] { Path.Combine(inner, "v-1.vtt") }, Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/escaped.vtt") && File.GetLastWriteTimeUtc("/tmp/escaped.vtt") > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public void AnExistingFileIsReplacedOnlyWithForce()
    {
        var host = ConnectedTo(Export());
        var target = Path.Combine(_folder, "Weekly update.vtt");
        File.WriteAllText(target, "old");

        Run(host, "Export-ArgilSubtitle -VideoId 'v-1' -Path $folder", out var r);
        var error = Assert.Single(r.Errors);
        Assert.Equal("FileExists,ArgilPS.Commands.ExportArgilSubtitleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.Equal("old", File.ReadAllText(target));

        Run(host, "Export-ArgilSubtitle -VideoId 'v-1' -Path $folder -Force", out r);
        Assert.Empty(r.Errors);
        Assert.Equal(Vtt, File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void ToAFileTheExistingFileIsCheckedBeforeAnyRequest()
    {
        var server = Export();
        var host = ConnectedTo(server);
        var target = Path.Combine(_folder, "talk.vtt");
        File.WriteAllText(target, "old");

        Run(host, "Export-ArgilSubtitle 'v-1' -Path (Join-Path $folder 'talk.vtt')", out var r);
        Assert.StartsWith("FileExists,", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, server.Requests);

        Run(host, "Export-ArgilSubtitle 'v-1' (Join-Path $folder 'talk.vtt') -Force", out r);
        Assert.Empty(r.Errors);
        Assert.Equal(target, Assert.Single(r.Objects<FileInfo>()).FullName);
        Assert.Equal(Vtt, File.ReadAllText(target));
    }

    [Fact]
    public void AFileHoldsOneVideoOnly()
    {
        var server = Export();
        var host = ConnectedTo(server);

        Run(host, "Export-ArgilSubtitle 'v-1', 'v-2' -Path (Join-Path $folder 'one.vtt'); 'next statement'", out var r);
        Assert.Equal("PathIsAFile,ArgilPS.Commands.ExportArgilSubtitleCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Equal(new[] { "next statement" }, r.Objects<string>()); // terminating for the command, as a bad parameter is
        Assert.Equal(0, server.Requests);

        Run(host, "'v-1', 'v-2' | Export-ArgilSubtitle -Path (Join-Path $folder 'one.vtt')", out r);
        Assert.Single(r.Objects<FileInfo>());
        var error = Assert.Single(r.Errors);
        Assert.Equal("PathIsAFile,ArgilPS.Commands.ExportArgilSubtitleCommand", error.FullyQualifiedErrorId);
        Assert.Equal("v-2", error.TargetObject);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void AFileOrALinkNamedLikeTheTemporaryFileIsNeitherWrittenThroughNorRemoved()
    {
        // Another process (or the user) has a file where a fixed "<name>.partial" would go, or a
        // symbolic link there to a file elsewhere: the export must use a name of its own.
        var host = ConnectedTo(Export());
        var partial = Path.Combine(_folder, "Weekly update.vtt.partial");
        File.WriteAllText(partial, "someone else's");
        var outside = Directory.CreateTempSubdirectory("argilps-outside-").FullName;
        try
        {
            var victim = Path.Combine(outside, "victim.txt");
            File.WriteAllText(victim, "untouched");
            var linked = Directory.CreateDirectory(Path.Combine(_folder, "linked")).FullName;
            File.CreateSymbolicLink(Path.Combine(linked, "Weekly update.vtt.partial"), victim);

            Run(host, "Export-ArgilSubtitle -VideoId 'v-1' -Path $folder", out var r);
            Assert.Empty(r.Errors);
            r = host.Run("Export-ArgilSubtitle -VideoId 'v-1' -Path $linked", new Dictionary<string, object?> { ["linked"] = linked });
            Assert.Empty(r.Errors);

            Assert.Equal("someone else's", File.ReadAllText(partial));
            Assert.Equal(Vtt, File.ReadAllText(Path.Combine(_folder, "Weekly update.vtt")));
            Assert.Equal("untouched", File.ReadAllText(victim));
            Assert.Equal(Vtt, File.ReadAllText(Path.Combine(linked, "Weekly update.vtt")));
            Assert.False(new FileInfo(Path.Combine(linked, "Weekly update.vtt")).Attributes.HasFlag(FileAttributes.ReparsePoint));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void TwoVideosWithTheSameSuggestedNameGetTwoFiles()
    {
        var host = ConnectedTo(Export());

        Run(host, "Export-ArgilSubtitle 'v-1', 'v-2' -Path $folder", out var r);

        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Weekly update.vtt", "v-2.vtt" }, r.Objects<FileInfo>().Select(f => f.Name));
    }

    [Fact]
    public void AFolderThatDoesNotExistIsRefusedBeforeAnyRequest()
    {
        var server = Export();
        var host = ConnectedTo(server);

        foreach (var path in new[] { "(Join-Path $folder 'nope/file.vtt')", "(Join-Path $folder 'nope/')", "'Env:/x.vtt'" })
        {
            Run(host, $"Export-ArgilSubtitle 'v-1' -Path {path}", out var r);
            var error = Assert.Single(r.Errors);
            Assert.Matches("^(PathNotFound|PathNotFileSystem),", error.FullyQualifiedErrorId);
            Assert.Equal("Path", Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
        }
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void WhatIfSendsNothingAndWritesNothing()
    {
        var server = Export();
        var host = ConnectedTo(server);

        Run(host, "Export-ArgilSubtitle 'v-1' -Path $folder -WhatIf", out var r);

        Assert.Empty(r.Output);
        Assert.Equal(0, server.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    // ---- The text path of the client, without PowerShell ----

    [Fact]
    public async Task TheTextPathRetriesAGetAfterA503AndAsksForAnything()
    {
        var accepts = new ConcurrentQueue<string>();
        var calls = 0;
        var handler = new StubHandler(request =>
        {
            accepts.Enqueue(string.Join(",", request.Headers.Accept.Select(a => a.ToString())));
            if (Interlocked.Increment(ref calls) == 1) return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") };
            var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Vtt, Encoding.UTF8, "text/vtt") };
            ok.Content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"x.vtt\"");
            return ok;
        });
        var settings = new ArgilClientSettings(new Uri("http://127.0.0.1:9/v1"), new ApiKey(Key), 30, 2, 1);
        var http = new ArgilHttpClient(settings, new SandboxClock(SandboxTimeMode.Manual), new HttpMessageInvoker(handler), new Random(1));
        var api = new SubtitlesApi(http);

        var export = await api.ExportAsync("v-1", "vtt", false, NullRequestLog.Instance, default);

        Assert.Equal(Vtt, export.Text);
        Assert.Equal(new[] { "x.vtt" }, export.SuggestedFileNames);
        Assert.Equal(2, calls);
        Assert.All(accepts, a => Assert.Equal("*/*", a));
    }
}
