using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// What held up in the review (issue 9), kept so: the key absent from transcripts, history and
/// context output; 10,000-deep JSON read without a stack overflow; -ImagePath on /dev/zero, a FIFO
/// and a sparse 2 GB file refused at once; ids sent as one escaped path segment; no POST sent twice
/// after a reset or a dropped keep-alive connection. All of it through the cmdlets, as a user runs them.
/// </summary>
public class HeldUpTests
{
    private const string Key = "argil_live_HeldUpKEYx9Q2wPz7_0123456789abcdef";
    private static readonly string KeyHead = Key.Substring(0, 24); // the fingerprint shows the last four characters, by design

    private readonly ITestOutputHelper _output;

    public HeldUpTests(ITestOutputHelper output) => _output = output;

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>A runspace connected with the key (as a SecureString variable) to <paramref name="baseUri"/>, not to the sandbox.</summary>
    private static PowerShellHost ConnectedTo(Uri baseUri, int maximumRetryCount = 4)
    {
        var host = new PowerShellHost();
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount {maximumRetryCount} -RetryIntervalSec 1",
            new Dictionary<string, object?> { ["secure"] = Secure(Key) }).ThrowIfTerminated();
        return host;
    }

    private static void AssertNoKey(string text, string where)
    {
        Assert.False(text.Contains(Key, StringComparison.Ordinal), $"{where}: the key shows in:\n{text}");
        Assert.False(text.Contains(KeyHead, StringComparison.Ordinal), $"{where}: the head of the key shows in:\n{text}");
    }

    // ---- 1. The key absent from a transcript, the history and the context's output ----

    [Fact]
    public void ATranscriptOfConnectVerboseDebugAndCallsThatFailAndSucceedNeverHoldsTheKey()
    {
        using var sandbox = SandboxServer.Start(apiKey: Key, timeMode: SandboxTimeMode.Manual);
        // The service echoes the key back in an error: the module must mask it there too.
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/echo", StatusCode = 400,
            Body = $"{{\"code\":400,\"message\":\"key {Key} is not valid here\"}}" });
        var transcript = Path.Combine(Path.GetTempPath(), "argilps-transcript-" + Guid.NewGuid() + ".txt");
        using var host = new PowerShellHost();
        try
        {
            var r = host.Run($@"
Start-Transcript -Path '{transcript}' -IncludeInvocationHeader | Out-Null
& {{
    $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
    Connect-Argil -ApiKey $secure -BaseUri '{sandbox.BaseUri}' -Scope Runspace -MaximumRetryCount 0 -PassThru -Verbose -Debug
    Get-ArgilContext | Format-List *
    Get-ArgilAvatar -Verbose -Debug                                        # succeeds
    New-ArgilAvatar -Name 'Transcribed' -ImageUrl 'https://example.com/t.png' -Verbose -Debug
    Get-ArgilAvatar -Id 'missing', 'echo' -Verbose -Debug                  # fail: 404, and 400 echoing the key
    Invoke-ArgilRestMethod -Path /avatars -Verbose -Debug | Out-Null
    Invoke-ArgilRestMethod -Path /nothing-here -Verbose -Debug
    $Error | Format-List * -Force
}} *>&1 | Out-Default
Stop-Transcript | Out-Null
", new Dictionary<string, object?> { ["secure"] = Secure(Key) });
            Assert.Null(r.Terminating);
            var text = File.ReadAllText(transcript);
            _output.WriteLine($"Transcript: {text.Length:N0} characters.");
            // The transcript did record the session: the verbose and debug lines and both errors.
            Assert.Contains("Connected to " + sandbox.BaseUri.AbsoluteUri.TrimEnd('/'), text);
            Assert.Contains("x-api-key: ***", text);
            Assert.Contains("Transcribed", text);
            Assert.Contains("404", text);
            Assert.Contains("is not valid here", text);
            Assert.Contains(sandbox.Journal, j => j.Method == "POST" && j.StatusCode == 201);
            AssertNoKey(text, "the transcript");
            AssertNoKey(r.AllText(), "the streams");
        }
        finally
        {
            host.Run("Disconnect-Argil");
            File.Delete(transcript);
        }
    }

    [Fact]
    public void TheHistoryHoldsWhatTheUserTypedAndNeverTheKeyOfASecureStringVariable()
    {
        using var sandbox = SandboxServer.Start(apiKey: Key, timeMode: SandboxTimeMode.Manual);
        using var host = new PowerShellHost();
        host.Runspace.SessionStateProxy.SetVariable("secure", Secure(Key));
        host.Runspace.SessionStateProxy.SetVariable("cred", new PSCredential("argil", Secure(Key)));
        try
        {
            // What a user types, each line added to the history as the console adds it.
            foreach (var line in new[]
            {
                $"Connect-Argil -ApiKey $secure -BaseUri '{sandbox.BaseUri}' -Scope Runspace -Verbose",
                "Get-ArgilAvatar -Verbose -Debug",
                $"Connect-Argil -Credential $cred -BaseUri '{sandbox.BaseUri}' -Scope Runspace -PassThru",
                "Get-ArgilAvatar -Id missing",
                "Get-ArgilContext",
            })
            {
                InvokeAddingToHistory(host, line);
            }
            var r = host.Run(@"
Get-History | Format-List * | Out-String
Get-History | Select-Object * | ConvertTo-Json -Depth 3
Get-History | ForEach-Object { $_.CommandLine }
");
            Assert.Null(r.Terminating);
            var text = r.AllText();
            Assert.Contains("Connect-Argil -ApiKey $secure", text); // the history was kept, as typed
            Assert.Contains("Get-ArgilContext", text);
            AssertNoKey(text, "Get-History");
        }
        finally
        {
            host.Run("Disconnect-Argil");
        }
    }

    private static void InvokeAddingToHistory(PowerShellHost host, string line)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = host.Runspace;
        ps.AddScript(line);
        var output = new PSDataCollection<PSObject>();
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output, new PSInvocationSettings { AddToHistory = true }, null, null);
        if (!running.AsyncWaitHandle.WaitOne(TimeLimit.PerInvocation))
        {
            if (!TimeLimit.Stop(ps)) throw new TimeLimitExceededException(TimeLimit.Exceeded(line, TimeLimit.PerInvocation, abandoned: true));
            throw new TimeLimitExceededException(TimeLimit.Exceeded(line, TimeLimit.PerInvocation, abandoned: false));
        }
        ps.EndInvoke(running);
    }

    [Fact]
    public void TheContextShowsOnlyTheFingerprintInEveryFormAUserCanTurnItInto()
    {
        using var sandbox = SandboxServer.Start(apiKey: Key, timeMode: SandboxTimeMode.Manual);
        using var host = ConnectedTo(sandbox.BaseUri);
        try
        {
            var r = host.Run(@"
$file = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString() + '.xml')
Get-ArgilContext | Export-Clixml -Path $file -Depth 5
Get-Content -Raw $file; Remove-Item $file
Get-ArgilContext | Format-List * -Force | Out-String
Get-ArgilContext | Format-Table * -Force | Out-String
Get-ArgilContext | Out-String
Get-ArgilContext | ConvertTo-Json -Depth 5
Get-ArgilContext | ConvertTo-Csv
Get-ArgilContext | Select-Object * | Out-String
(Get-ArgilContext).psobject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }
Get-ArgilContext | Get-Member -Force | Out-String
[System.Management.Automation.PSSerializer]::Serialize((Get-ArgilContext), 5)
");
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var text = r.AllText();
            Assert.Contains(Key.Substring(Key.Length - 4), text); // the fingerprint is what shows
            Assert.Contains("KeyFingerprint", text);
            AssertNoKey(text, "Get-ArgilContext");
        }
        finally
        {
            host.Run("Disconnect-Argil");
            host.Dispose();
        }
    }

    // ---- 2. 10,000-deep JSON from the server ----

    private static string Deep(string kind, int depth) => kind switch
    {
        "arrays" => new string('[', depth) + "1" + new string(']', depth),
        "objects" => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
        // An avatar whose extras nest without end.
        "in-a-field" => "{\"id\":\"deep\",\"name\":\"Deep\",\"status\":\"IDLE\",\"extras\":" +
                        string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth)) + "}",
        // Never closed: the reader must give up at its limit, not recurse to the end.
        _ => new string('[', depth),
    };

    [Theory]
    [InlineData("arrays", "Get-ArgilAvatar -Id deep")]
    [InlineData("objects", "Get-ArgilAvatar -Id deep")]
    [InlineData("in-a-field", "Get-ArgilAvatar -Id deep")]
    [InlineData("unclosed", "Get-ArgilAvatar -Id deep")]
    [InlineData("arrays", "Get-ArgilAvatar")]
    [InlineData("objects", "Get-ArgilAvatar")]
    [InlineData("arrays", "Invoke-ArgilRestMethod -Path /avatars/deep")]
    [InlineData("objects", "Invoke-ArgilRestMethod -Path /avatars/deep")]
    [InlineData("in-a-field", "Invoke-ArgilRestMethod -Path /avatars/deep")]
    [InlineData("unclosed", "Invoke-ArgilRestMethod -Path /avatars/deep")]
    public void TenThousandDeepJsonIsAnUnexpectedResponseNeverACrash(string kind, string command)
    {
        var body = Deep(kind, 10_000);
        using var server = new LoopbackServer(x => x.AnswerAsync(200, body));
        using var host = ConnectedTo(server.BaseUri, maximumRetryCount: 0);

        var r = host.Run($"{command}; 'still running'");

        // A stack overflow would have ended the test process; an engine crash shows as a terminating error.
        Assert.Null(r.Terminating);
        Assert.Equal("still running", r.Output.Last().ToString());
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("UnexpectedResponse,", error.FullyQualifiedErrorId);
        Assert.Contains("could not be read", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // no stack trace shown
        Assert.Equal(1, server.Requests); // not retried: the next answer would be as deep
    }

    // ---- 3. -ImagePath on what is not a regular file ----

    [Fact]
    public void ImagePathOnDevZeroIsRefusedAtOnceBeforeAnyRequest()
    {
        if (!File.Exists("/dev/zero")) Assert.Fail("This test needs /dev/zero (a Unix system).");
        AssertImagePathRefused("/dev/zero", "is empty or not a regular file");
    }

    [Fact]
    public void ImagePathOnAFifoIsRefusedAtOnceWithoutOpeningIt()
    {
        var dir = Directory.CreateTempSubdirectory("argilps-fifo-");
        var fifo = Path.Combine(dir.FullName, "image.png");
        try
        {
            MakeFifo(fifo);
            // Nothing ever writes to it: opening it to read would block until the time limit.
            AssertImagePathRefused(fifo, "is empty or not a regular file", releaseIfBlocked: () => ReleaseFifo(fifo));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ImagePathOnASparse2GBFileIsRefusedBySizeWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "argilps-sparse-" + Guid.NewGuid() + ".png");
        try
        {
            using (var f = File.Create(path))
            {
                f.Write(TestImages.Png(1920, 1080)); // a valid header: only the size breaks the rules
                f.SetLength(2L * 1024 * 1024 * 1024); // sparse: nothing more is written to the disk
            }
            var before = GC.GetTotalAllocatedBytes(precise: true);
            AssertImagePathRefused(path, "the file is 2,147,483,648 bytes; Argil accepts at most 10 MB");
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before; // process-wide: other tests run meanwhile
            _output.WriteLine($"Sparse 2 GB -ImagePath: {allocated:N0} bytes allocated in the process meanwhile.");
            Assert.True(allocated < 1024L * 1024 * 1024, $"{allocated:N0} bytes allocated: the file was read");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertImagePathRefused(string path, string rule, Action? releaseIfBlocked = null)
    {
        using var s = new SandboxHost();
        ScriptResult r;
        try
        {
            r = s.Host.Run($"New-ArgilAvatar -Name 'Odd file' -ImagePath '{path}'", timeLimit: TimeSpan.FromSeconds(30));
        }
        catch (TimeLimitExceededException)
        {
            releaseIfBlocked?.Invoke();
            throw;
        }
        Assert.Null(r.Terminating);
        var error = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-ImagePath", error.ToString());
        Assert.Contains(rule, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.Empty(s.Sandbox.Journal); // before any request
    }

    private static void MakeFifo(string path)
    {
        Process? process;
        try
        {
            process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"This test needs the mkfifo command to make a named pipe, and it could not be run: {e.Message}");
            return;
        }
        using (process)
        {
            if (!process!.WaitForExit(30_000)) Assert.Fail("mkfifo did not end within 30 s.");
            Assert.True(process.ExitCode == 0, $"mkfifo '{path}' failed ({process.ExitCode}): {process.StandardError.ReadToEnd()}");
        }
        Assert.True(File.Exists(path), $"mkfifo made no '{path}'");
    }

    /// <summary>After a failure that left the module blocked reading the FIFO: a writer that opens and closes it gives the reader its end.</summary>
    private static void ReleaseFifo(string path) => Task.Run(() => { using var _ = new FileStream(path, FileMode.Open, FileAccess.Write); }).Wait(5000);

    // ---- 4. Ids sent as one escaped path segment ----

    [Theory]
    [InlineData("a/b")]
    [InlineData("a?b=c")]
    [InlineData("a#b")]
    [InlineData("100%")]
    [InlineData("a%2Fb")]
    [InlineData("two words")]
    [InlineData("../avatars")]
    [InlineData("a/../../v2/admin")]
    [InlineData("Zoé 漢字 😀")]
    [InlineData("a+b&c=d;e")]
    public void AnIdReachesTheServerAsOneEscapedPathSegment(string id)
    {
        using var server = new LoopbackServer(x => x.AnswerAsync(404, "{\"code\":404,\"message\":\"Avatar not found\"}"));
        using var host = ConnectedTo(server.BaseUri, maximumRetryCount: 0);

        var r = host.Run("Get-ArgilAvatar -Id $id", new Dictionary<string, object?> { ["id"] = id });

        Assert.Null(r.Terminating);
        Assert.StartsWith("AvatarNotFound,", Assert.Single(r.Errors).FullyQualifiedErrorId);
        var expected = "/v1/avatars/" + Uri.EscapeDataString(id);
        Assert.Equal($"GET {expected} HTTP/1.1", Assert.Single(server.RequestLines));
        // One segment: after /v1/avatars/ nothing is a '/', '?' or '#' the server would read as structure.
        var segment = expected.Substring("/v1/avatars/".Length);
        Assert.DoesNotContain('/', segment);
        Assert.DoesNotContain('?', segment);
        Assert.DoesNotContain('#', segment);
        Assert.DoesNotContain(' ', segment);
        Assert.Equal(id, Uri.UnescapeDataString(segment));
    }

    // ---- 5. No POST sent twice after a reset or a dropped keep-alive connection ----

    private const string AvatarList = "[{\"id\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"name\":\"Old\",\"status\":\"IDLE\",\"extras\":{}}]";

    [Theory]
    [InlineData("reset before the answer")]
    [InlineData("reset mid-answer")]
    [InlineData("closed mid-answer")]
    [InlineData("dropped keep-alive connection")]
    [InlineData("reset keep-alive connection")]
    public void ACreateIsSentOnceAndSaysTheAvatarMayExist(string scenario)
    {
        var keepAlive = scenario.Contains("keep-alive", StringComparison.Ordinal);
        var posts = 0;
        var connectionsAtPost = 0;
        LoopbackServer? server = null;
        server = new LoopbackServer(async x =>
        {
            if (x.RequestLine.StartsWith("GET ", StringComparison.Ordinal))
            {
                await x.AnswerAsync(200, AvatarList); // kept alive: the client pools the connection
                return;
            }
            Interlocked.Increment(ref posts);
            connectionsAtPost = server!.Connections;
            switch (scenario)
            {
                case "reset before the answer":
                case "reset keep-alive connection":
                    x.Reset();
                    break;
                case "dropped keep-alive connection":
                    x.Drop(); // the server closed the idle connection as the POST went out on it
                    break;
                case "reset mid-answer":
                case "closed mid-answer":
                    await x.WriteAsync("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"3c90c3cc-0d44-4b50");
                    if (scenario == "reset mid-answer") x.Reset();
                    else x.Drop();
                    break;
            }
        });
        using (server)
        {
            using var host = ConnectedTo(server.BaseUri, maximumRetryCount: 4);

            var r = host.Run((keepAlive ? "Get-ArgilAvatar | Out-Null; " : "") +
                             "New-ArgilAvatar -Name 'Costly' -ImageUrl 'https://example.com/c.png'");

            Assert.Null(r.Terminating);
            var error = Assert.Single(r.Errors);
            _output.WriteLine($"{scenario}: {error}");
            Assert.Equal("ConnectionFailed,ArgilPS.Commands.NewArgilAvatarCommand", error.FullyQualifiedErrorId);
            Assert.Contains("may have been created", error.ToString());
            Assert.Contains("Get-ArgilAvatar -Name 'Costly'", error.ToString());
            Assert.Equal(1, Volatile.Read(ref posts)); // exactly one POST on the wire: neither our retries nor the handler's
            Assert.Equal(1, server.RequestLines.Count(l => l.StartsWith("POST ", StringComparison.Ordinal)));
            if (keepAlive)
            {
                Assert.Equal(1, connectionsAtPost); // the POST went out on the pooled connection
                Assert.Equal(1, server.Connections); // and no second connection was opened to send it again
            }
        }
    }
}
