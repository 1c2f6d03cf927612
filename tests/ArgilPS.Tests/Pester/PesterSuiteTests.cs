using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Pester;

/// <summary>
/// Runs the Pester suite (tests/pester/*.Tests.ps1) under real Pester 5.9.1 in a fresh real pwsh process,
/// through the script build.ps1 uses. Pester's output goes to the test output; a failure lists every
/// failed It, block and file by name, message and file:line.
/// </summary>
public sealed class PesterSuiteTests
{
    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string SuiteFolder => Path.Combine(ModuleAssembly.RepoRoot, "tests", "pester");

    [Fact]
    public async Task ThePesterSuitePassesUnderRealPester()
    {
        Assert.True(File.Exists(ModuleAssembly.ManifestPath), $"Build the module first: {ModuleAssembly.ManifestPath} is missing.");
        Assert.NotEmpty(Directory.GetFiles(SuiteFolder, "*.Tests.ps1"));

        string resultFolder = Path.Combine(Path.GetTempPath(), "argilps-pester-" + Guid.NewGuid().ToString("N"));
        string resultPath = Path.Combine(resultFolder, "result.json");
        try
        {
            (int exitCode, var lines) = await PesterRunner.Run(SuiteFolder, resultPath, _output);
            Assert.True(File.Exists(resultPath), $"The runner wrote no result (exit code {exitCode}). Its last output:{Environment.NewLine}{PesterRunner.Tail(lines)}");

            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(resultPath));
            JsonElement result = document.RootElement;
            string totals = PesterRunner.Totals(result);
            string summary = $"Pester {result.GetProperty("pesterVersion").GetString()} on PowerShell {result.GetProperty("powerShellVersion").GetString()}: {totals}";
            _output.WriteLine(summary);
            var problems = PesterRunner.Problems(result);
            // .ci/run prints it beside the xUnit totals, last, so a CI log's tail shows the real-Pester figures
            // and every failure by name, message and file:line (Pester's own output comes long before).
            File.WriteAllText(Path.Combine(ModuleAssembly.RepoRoot, "out", "pester-summary.txt"),
                summary + Environment.NewLine + string.Concat(problems.Select(p => "  " + p + Environment.NewLine)));
            Assert.Equal("5.9.1", result.GetProperty("pesterVersion").GetString());

            Assert.True(problems.Count == 0,
                $"{problems.Count} problem(s) in the Pester suite ({totals}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

            Assert.True(PesterRunner.Count(result, "passedCount") > 0, $"The Pester suite ran no test ({totals}).");
            var skipped = result.GetProperty("skippedTests").EnumerateArray().Select(PesterRunner.Describe).ToList();
            Assert.True(skipped.Count == 0, $"Tests were skipped ({totals}):{Environment.NewLine}{string.Join(Environment.NewLine, skipped)}");
            Assert.True(PesterRunner.Count(result, "notRunCount") == 0 && PesterRunner.Count(result, "inconclusiveCount") == 0,
                $"Not every test ran to a result ({totals}).");
            Assert.Equal("Passed", result.GetProperty("result").GetString());
            Assert.True(exitCode == 0, $"The runner exited with {exitCode} although every test passed. Its last output:{Environment.NewLine}{PesterRunner.Tail(lines)}");
        }
        finally
        {
            if (Directory.Exists(resultFolder)) Directory.Delete(resultFolder, recursive: true);
        }
    }
}
