using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Pester;

/// <summary>
/// Runs the Pester suite (tests/pester/*.Tests.ps1) under real Pester 5.9.1 (the package this project
/// restores) in a fresh real pwsh process (tools/pwsh), through the same script build.ps1 uses
/// (tests/Invoke-PesterSuite.ps1). Pester's output goes to the test output; a failure lists every failed
/// It, block and file by name, message and file:line.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(10);

    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string RunnerScript => Path.Combine(ModuleAssembly.RepoRoot, "tests", "Invoke-PesterSuite.ps1");

    private static string SuiteFolder => Path.Combine(ModuleAssembly.RepoRoot, "tests", "pester");

    private static string PesterModulePath => typeof(PesterSuiteTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PesterModulePath").Value!;

    [Fact]
    public async Task ThePesterSuitePassesUnderRealPester()
    {
        Assert.True(File.Exists(ModuleAssembly.ManifestPath), $"Build the module first: {ModuleAssembly.ManifestPath} is missing.");
        Assert.True(File.Exists(PesterModulePath), $"The Pester package was not restored: {PesterModulePath} is missing.");
        Assert.NotEmpty(Directory.GetFiles(SuiteFolder, "*.Tests.ps1"));

        string resultFolder = Path.Combine(Path.GetTempPath(), "argilps-pester-" + Guid.NewGuid().ToString("N"));
        string resultPath = Path.Combine(resultFolder, "result.json");
        try
        {
            (int exitCode, IReadOnlyList<string> lines) = await RunSuite(resultPath);
            string tail = string.Join(Environment.NewLine, lines.TakeLast(40));
            Assert.True(File.Exists(resultPath), $"The runner wrote no result (exit code {exitCode}). Its last output:{Environment.NewLine}{tail}");

            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(resultPath));
            JsonElement result = document.RootElement;
            Assert.Equal("5.9.1", result.GetProperty("pesterVersion").GetString());

            string totals = $"{Count(result, "passedCount")} passed, {Count(result, "failedCount")} failed, {Count(result, "skippedCount")} skipped, "
                + $"{Count(result, "notRunCount")} not run in {result.GetProperty("durationSeconds").GetDouble()} s";
            _output.WriteLine($"Pester {result.GetProperty("pesterVersion").GetString()} on PowerShell {result.GetProperty("powerShellVersion").GetString()}: {totals}");

            var problems = new List<string>();
            foreach (JsonElement test in result.GetProperty("failedTests").EnumerateArray())
                problems.Add($"[-] {Describe(test)}");
            foreach (JsonElement block in result.GetProperty("failedBlocks").EnumerateArray())
                problems.Add($"[-] BeforeAll/AfterAll of {Describe(block)}");
            foreach (JsonElement container in result.GetProperty("failedContainers").EnumerateArray())
                problems.Add($"[-] The file {Describe(container)}");
            Assert.True(problems.Count == 0,
                $"{problems.Count} problem(s) in the Pester suite ({totals}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

            Assert.True(Count(result, "passedCount") > 0, $"The Pester suite ran no test ({totals}).");
            var skipped = result.GetProperty("skippedTests").EnumerateArray().Select(Describe).ToList();
            Assert.True(skipped.Count == 0, $"Tests were skipped ({totals}):{Environment.NewLine}{string.Join(Environment.NewLine, skipped)}");
            Assert.True(Count(result, "notRunCount") == 0 && Count(result, "inconclusiveCount") == 0, $"Not every test ran to a result ({totals}).");
            Assert.Equal("Passed", result.GetProperty("result").GetString());
            Assert.True(exitCode == 0, $"The runner exited with {exitCode} although every test passed. Its last output:{Environment.NewLine}{tail}");
        }
        finally
        {
            if (Directory.Exists(resultFolder)) Directory.Delete(resultFolder, recursive: true);
        }
    }

    /// <summary>
    /// dotnet pwsh.dll -File tests/Invoke-PesterSuite.ps1, its output streamed line by line to the test
    /// output; the whole process tree is killed, and the test fails, when it outlasts the time limit.
    /// </summary>
    private async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunSuite(string resultPath)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ModuleAssembly.RepoRoot,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "pwsh.dll"), "-NoProfile", "-NonInteractive",
            "-File", RunnerScript, "-PesterPath", PesterModulePath, "-ResultPath", resultPath })
            start.ArgumentList.Add(arg);
        // A fresh pwsh computes its own module path, and the suite sets up its own connections: nothing of
        // this process's PowerShell engine or of other tests' ARGIL_* variables leaks into it.
        start.Environment.Remove("PSModulePath");
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("ARGIL_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        var lines = new List<string>();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            _output.WriteLine(e.Data);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeLimit)) != exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string tail;
            lock (lines) tail = string.Join(Environment.NewLine, lines.TakeLast(40));
            Assert.Fail($"The Pester suite did not finish within {TimeLimit.TotalMinutes} minutes and was killed. Its last output:{Environment.NewLine}{tail}");
        }

        _output.WriteLine($"(pwsh ran for {stopwatch.Elapsed.TotalSeconds:0.0} s)");
        lock (lines) return (process.ExitCode, lines.ToList());
    }

    private static int Count(JsonElement result, string name) => result.GetProperty(name).GetInt32();

    /// <summary>A failed or skipped item: its name, where it is, and each error with where it happened.</summary>
    private static string Describe(JsonElement item)
    {
        string text = item.GetProperty("name").GetString() ?? "";
        if (item.TryGetProperty("file", out JsonElement file) && file.GetString() is { Length: > 0 } path)
            text += $" ({path}:{item.GetProperty("line").GetInt32()})";
        foreach (JsonElement error in item.GetProperty("errors").EnumerateArray())
        {
            string message = (error.GetProperty("message").GetString() ?? "").ReplaceLineEndings(Environment.NewLine + "      ");
            text += $"{Environment.NewLine}    {message}";
            if (error.GetProperty("location").GetString() is { Length: > 0 } location)
                text += $"{Environment.NewLine}      at {location}";
        }
        return text;
    }
}
