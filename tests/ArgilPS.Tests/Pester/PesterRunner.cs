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
/// Starts tests/Invoke-PesterSuite.ps1 (the script build.ps1 uses) in a fresh real pwsh process (tools/pwsh)
/// with the Pester package this project restores, and reads the JSON result it writes.
/// </summary>
internal static class PesterRunner
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(10);

    public static string Script => Path.Combine(ModuleAssembly.RepoRoot, "tests", "Invoke-PesterSuite.ps1");

    public static string PesterModulePath => typeof(PesterRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PesterModulePath").Value!;

    /// <summary>
    /// dotnet pwsh.dll -File tests/Invoke-PesterSuite.ps1 -Path ..., its output streamed line by line to the
    /// test output; the whole process tree is killed, and the test fails, when it outlasts the time limit.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> Run(string testPath, string resultPath, ITestOutputHelper output)
    {
        Assert.True(File.Exists(PesterModulePath), $"The Pester package was not restored: {PesterModulePath} is missing.");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ModuleAssembly.RepoRoot,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "pwsh.dll"), "-NoProfile", "-NonInteractive",
            "-File", Script, "-PesterPath", PesterModulePath, "-Path", testPath, "-ResultPath", resultPath })
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
            output.WriteLine(e.Data);
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
            Assert.Fail($"The Pester run did not finish within {TimeLimit.TotalMinutes} minutes and was killed. Its last output:{Environment.NewLine}{Tail(lines)}");
        }

        output.WriteLine($"(pwsh ran for {stopwatch.Elapsed.TotalSeconds:0.0} s, exit code {process.ExitCode})");
        lock (lines) return (process.ExitCode, lines.ToList());
    }

    public static string Tail(IReadOnlyList<string> lines)
    {
        lock (lines) return string.Join(Environment.NewLine, lines.TakeLast(40));
    }

    public static int Count(JsonElement result, string name) => result.GetProperty(name).GetInt32();

    public static string Totals(JsonElement result) =>
        $"{Count(result, "passedCount")} passed, {Count(result, "failedCount")} failed, {Count(result, "skippedCount")} skipped, "
        + $"{Count(result, "notRunCount")} not run in {result.GetProperty("durationSeconds").GetDouble()} s";

    /// <summary>Every failed It, failed block (BeforeAll/AfterAll) and failed file, each with where it is and its errors.</summary>
    public static List<string> Problems(JsonElement result)
    {
        var problems = new List<string>();
        foreach (JsonElement test in result.GetProperty("failedTests").EnumerateArray())
            problems.Add($"[-] {Describe(test)}");
        foreach (JsonElement block in result.GetProperty("failedBlocks").EnumerateArray())
            problems.Add($"[-] BeforeAll/AfterAll of {Describe(block)}");
        foreach (JsonElement container in result.GetProperty("failedContainers").EnumerateArray())
            problems.Add($"[-] The file {Describe(container)}");
        return problems;
    }

    /// <summary>A failed or skipped item: its name, where it is, and each error with where it happened.</summary>
    public static string Describe(JsonElement item)
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
