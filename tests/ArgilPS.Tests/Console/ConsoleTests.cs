using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Console;

/// <summary>
/// The repository's console is real pwsh (PowerShell's own host, tools/pwsh). These tests run it as a
/// separate process the way the README does, and check what a user relies on: the quickstart, running
/// a script file with arguments or -Command text, the module found by name, verbose and progress shown,
/// errors without stack traces and the exit code.
/// </summary>
public sealed class ConsoleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("argilps-console-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Script(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task TheQuickstartRunsAgainstTheSandbox()
    {
        var output = Path.Combine(_folder, "videos");
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", Path.Combine("samples", "quickstart.ps1"), "-Name", "Console quickstart",
            "-OutputPath", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Matches(@"Created 'Console quickstart' \([0-9a-f-]{36}\): TRAINING\. Waiting for training\.\.\.", run.Output);
        string trained = run.Output[run.Output.IndexOf("Trained:", StringComparison.Ordinal)..run.Output.IndexOf("All avatars:", StringComparison.Ordinal)];
        Assert.Matches(@"[0-9a-f-]{36} Console quickstart\s+IDLE", trained);
        Assert.Contains("Sandbox Studio Host", run.Output[run.Output.IndexOf("All avatars:", StringComparison.Ordinal)..]);
        // Redirected output is 80 columns wide: the view drops the columns that do not fit (Model, Orientation,
        // CreatedAt) instead of squeezing one into a single character with its header written downwards.
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(2, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Id {35}Name {23}Status$")));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\S$"));

        // The whole job: a video from a multi-sentence script, rendered, waited for and saved as an MP4.
        Assert.Matches(@"Rendering 'Console quickstart update' \([0-9a-f-]{36}\): [2-9] moments, GENERATING_AUDIO\. Waiting for the render\.\.\.", run.Output);
        var mp4 = Assert.Single(Directory.GetFiles(output, "*.mp4"));
        Assert.Matches(@"^Console quickstart update-[0-9a-f-]{36}\.mp4$", Path.GetFileName(mp4));
        Assert.Contains($"Saved {mp4} (", run.Output);
        var bytes = File.ReadAllBytes(mp4);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Empty(Directory.GetFiles(output, "*.partial"));
    }

    [Fact]
    public async Task TheBatchSampleTurnsTheSampleCsvIntoAFolderOfMp4Files()
    {
        var output = Path.Combine(_folder, "batch");
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", Path.Combine("samples", "batch-videos.ps1"), "-OutputPath", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Contains("3 of 3 videos saved.", run.Output);
        var names = Directory.GetFiles(output).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(3, names.Length);
        Assert.Matches(@"^Monday briefing-[0-9a-f-]{36}\.mp4$", names[0]);
        Assert.Matches(@"^Release notes 4\.2-[0-9a-f-]{36}\.mp4$", names[1]);
        Assert.Matches(@"^Welcome new hires-[0-9a-f-]{36}\.mp4$", names[2]);
    }

    [Fact]
    public async Task TheWebhookSampleReceivesTheVideosEventAndSavesTheMp4()
    {
        var output = Path.Combine(_folder, "received");
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", Path.Combine("samples", "webhook-receiver.ps1"), "-OutputPath", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var registered = System.Text.RegularExpressions.Regex.Match(run.Output,
            @"Receiver listening on (http://127\.0\.0\.1:\d+/argil/); webhook ([0-9a-f-]{36}) registered for VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED\.");
        Assert.True(registered.Success, run.Output);
        var rendering = System.Text.RegularExpressions.Regex.Match(run.Output, @"Rendering 'Webhook sample' \(([0-9a-f-]{36})\): GENERATING_AUDIO\.");
        Assert.True(rendering.Success, run.Output);
        var videoId = rendering.Groups[1].Value;
        Assert.Contains($"Received VIDEO_GENERATION_SUCCESS for 'Webhook sample' ({videoId}).", run.Output);
        var mp4 = Assert.Single(Directory.GetFiles(output));
        Assert.Equal($"Webhook sample-{videoId}.mp4", Path.GetFileName(mp4));
        Assert.Contains($"Saved {mp4} (", run.Output);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(mp4), 4, 4));
        Assert.Contains($"Sandbox delivery: VIDEO_GENERATION_SUCCESS to {registered.Groups[1].Value}, attempt 1: HTTP 200, Delivered.", run.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Output, "Sandbox delivery:"));
        Assert.Contains($"Removed webhook {registered.Groups[2].Value}; receiver stopped.", run.Output);
    }

    [Fact]
    public async Task ImportModuleByNameLoadsTheModuleThisRepositoryBuilt()
    {
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-Command",
            "(Import-Module ArgilPS -PassThru).ModuleBase; (Get-Command Connect-Argil).Source; $PSVersionTable.PSVersion.ToString()");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(new[] { ModuleAssembly.ModuleFolder, "ArgilPS", "7.6.9" }, lines);
    }

    [Fact]
    public async Task ACmdletAutoloadsTheModuleWithoutImportModule()
    {
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-Command",
            "Connect-Argil -Sandbox; (Get-ArgilContext).IsSandbox; (Get-Module ArgilPS).ModuleBase; Disconnect-Argil");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(new[] { "True", ModuleAssembly.ModuleFolder }, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task AScriptFileReceivesNamedSwitchAndPositionalArguments()
    {
        string script = Script("args.ps1", """
            param([string]$Name = 'none', [switch]$Loud, [int]$Count, [Parameter(ValueFromRemainingArguments)] $Rest)
            "Name=$Name Loud=$Loud Count=$Count Rest=$($Rest -join ',') Root=$(Split-Path -Leaf $PSScriptRoot)"
            """);

        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", script, "-Name", "bob", "-Loud", "-Count:3", "x", "y");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"Name=bob Loud=True Count=3 Rest=x,y Root={Path.GetFileName(_folder)}", run.Output.Trim());
    }

    [Fact]
    public async Task ExitInAScriptSetsTheProcessExitCode()
    {
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", Script("exit.ps1", "'before'; exit 7"));

        Assert.Equal(7, run.ExitCode);
        Assert.Equal("before", run.Output.Trim());
    }

    [Fact]
    public async Task ATerminatingErrorExitsNonZeroAndShowsNoStackTrace()
    {
        string script = Script("fail.ps1", """
            $ErrorActionPreference = 'Stop'
            'before'
            Connect-Argil -Sandbox
            Get-ArgilAvatar -Id 'no-such-avatar'
            'after'
            """);

        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-File", script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("before", run.Output);
        Assert.DoesNotContain("after", run.Output);
        Assert.Contains("Get-ArgilAvatar: ", run.Error);
        Assert.Contains("no-such-avatar", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
    }

    [Fact]
    public async Task ANonTerminatingErrorIsShownAndTheScriptGoesOn()
    {
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-Command",
            "Connect-Argil -Sandbox; Get-ArgilAvatar -Id 'no-such-avatar'; 'after'");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("after", run.Output.Trim());
        Assert.StartsWith("Get-ArgilAvatar: ", run.Error.Trim());
    }

    [Fact]
    public async Task VerboseLinesAreShown()
    {
        var run = await PwshProcess.RunAsync("-NoProfile", "-NonInteractive", "-Command",
            "Connect-Argil -Sandbox; $null = Get-ArgilAvatar -Verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("VERBOSE: GET /avatars", StringComparison.Ordinal) && line.Contains("200"));
    }

    /// <summary>
    /// pwsh draws progress only on a terminal (as any pwsh does: redirected output carries no progress),
    /// so this runs the console under script(1), which gives it a pseudo-terminal, and answers the
    /// cursor-position queries a terminal would answer.
    /// </summary>
    [Fact]
    public async Task ProgressIsDrawnOnATerminal()
    {
        if (OperatingSystem.IsWindows()) return; // script(1) is util-linux; on Windows, conhost draws progress the same way
        Assert.True(File.Exists("/usr/bin/script"), "script(1) (util-linux) is needed to give the console a terminal");
        string command = $"'{PwshProcess.Dotnet}' '{PwshProcess.Console}' -NoProfile -NonInteractive -Command \"Write-Progress -Activity 'Uploading avatars' -Status 'Sending 3 of 7' -PercentComplete 40; 'done'\"";

        var run = await PwshProcess.RunInTerminalAsync("/usr/bin/script", new[] { "-qec", command, "/dev/null" });

        Assert.True(run.ExitCode == 0, run.ToString());
        int progress = run.Output.IndexOf("Uploading avatars [Sending 3 of 7", StringComparison.Ordinal);
        Assert.True(progress >= 0 && run.Output.IndexOf("done", progress, StringComparison.Ordinal) > progress, run.Output);
    }
}
