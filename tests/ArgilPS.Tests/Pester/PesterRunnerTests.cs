using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Pester;

/// <summary>
/// tests/Invoke-PesterSuite.ps1 on a suite made to fail in every way Pester knows: the result lists each
/// failure by name, message and file:line, so a broken suite can never pass as a green one.
/// </summary>
public sealed class PesterRunnerTests
{
    private readonly ITestOutputHelper _output;

    public PesterRunnerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task TheRunnerReportsFailedTestsBlocksAndFilesWithFileAndLine()
    {
        string folder = Path.Combine(Path.GetTempPath(), "argilps-pester-runner-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string failing = Path.Combine(folder, "Failing.Tests.ps1");
            File.WriteAllLines(failing, new[]
            {
                "Describe 'Reported' {",                                        // 1
                "    It 'passes' { 1 | Should -Be 1 }",                           // 2
                "    It 'fails an assertion' {",                                  // 3
                "        1 | Should -Be 2",                                       // 4
                "    }",                                                          // 5
                "    It 'throws' { throw 'thrown on purpose' }",                  // 6
                "    It 'is skipped' -Skip { }",                                  // 7: on purpose, to check that the runner counts skipped tests
                "    Context 'Teardown' {",                                       // 8
                "        AfterAll { throw 'AfterAll failed on purpose' }",        // 9
                "        It 'runs' { }",                                          // 10
                "    }",                                                          // 11
                "}",                                                              // 12
            });
            string broken = Path.Combine(folder, "Broken.Tests.ps1");
            File.WriteAllLines(broken, new[] { "throw 'discovery failed on purpose'" });
            string resultPath = Path.Combine(folder, "result.json");

            (int exitCode, var lines) = await PesterRunner.Run(folder, resultPath, _output);

            Assert.Equal(1, exitCode);
            Assert.True(File.Exists(resultPath), $"The runner wrote no result. Its last output:{Environment.NewLine}{PesterRunner.Tail(lines)}");
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(resultPath));
            JsonElement result = document.RootElement;
            Assert.Equal("Failed", result.GetProperty("result").GetString());
            Assert.Equal(2, PesterRunner.Count(result, "passedCount"));
            Assert.Equal(2, PesterRunner.Count(result, "failedCount"));
            Assert.Equal(1, PesterRunner.Count(result, "skippedCount"));

            var problems = PesterRunner.Problems(result);
            string nl = Environment.NewLine;
            Assert.Equal(new[]
            {
                $"[-] Reported.fails an assertion ({failing}:3){nl}    Expected 2, but got 1.{nl}      at {failing}:4",
                $"[-] Reported.throws ({failing}:6){nl}    RuntimeException: thrown on purpose{nl}      at {failing}:6",
                $"[-] BeforeAll/AfterAll of Reported.Teardown ({failing}:8){nl}    RuntimeException: AfterAll failed on purpose{nl}      at {failing}:9",
                $"[-] The file {broken}{nl}    RuntimeException: discovery failed on purpose{nl}      at {broken}:1",
            }, problems);
            Assert.Equal($"Reported.is skipped ({failing}:7)", PesterRunner.Describe(result.GetProperty("skippedTests").EnumerateArray().Single()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
