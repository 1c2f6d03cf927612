using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using ArgilPS.Tests.Infrastructure;
using ArgilPS.Tests.PesterCompat;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Pester;

/// <summary>
/// Runs the Pester suite (tests/pester/*.Tests.ps1) through PesterCompat on the hosted engine, so the
/// suite runs with every dotnet test even where neither pwsh nor Pester is installed. The suite uses
/// Process-scope connections and environment variables, hence the collection.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class PesterSuiteTests
{
    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string SuiteFolder => Path.Combine(ModuleAssembly.RepoRoot, "tests", "pester");

    [Fact]
    public void ThePesterSuitePassesUnderPesterCompat()
    {
        Assert.True(File.Exists(ModuleAssembly.ManifestPath), $"Build the module first: {ModuleAssembly.ManifestPath} is missing.");
        Assert.NotEmpty(Directory.GetFiles(SuiteFolder, "*.Tests.ps1"));

        var outcome = PesterCompatHost.InvokePester(new Dictionary<string, object?>
        {
            ["Path"] = new[] { SuiteFolder },
            ["Output"] = "Detailed",
            ["PassThru"] = true,
        });

        foreach (var line in outcome.Lines) _output.WriteLine(line);
        foreach (var error in outcome.Errors) _output.WriteLine("ERROR: " + error);

        if (outcome.Failure is not null) Assert.Fail("Invoke-Pester itself failed: " + outcome.Failure);
        var result = outcome.Result;

        var problems = new List<string>();
        foreach (var test in outcome.Tests.Where(t => Text(t, "Result") == "Failed"))
            problems.Add($"[-] {Text(test, "ExpandedPath")}{Environment.NewLine}    {Messages(test.Properties["ErrorRecord"].Value)}");
        foreach (var block in outcome.List("FailedBlocks"))
        {
            // A file-level block has no path of its own; its name is the file.
            var name = Text(block, "ExpandedPath") is { Length: > 0 } path ? path : Text(block, "Name");
            problems.Add($"[-] BeforeAll/AfterAll of '{name}': {Messages(block.Properties["ErrorRecord"].Value)}");
        }
        foreach (var container in outcome.List("Containers").Where(c => Text(c, "Result") == "Failed"))
            problems.Add($"[-] Discovery of {Text(container, "Item")}: {Messages(container.Properties["ErrorRecord"].Value)}");

        var summary = outcome.Lines.LastOrDefault() ?? "(no output)";
        Assert.True(problems.Count == 0,
            $"{problems.Count} problem(s) in the Pester suite ({summary}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Assert.Equal("Passed", Text(result, "Result"));
        Assert.True(outcome.Count("PassedCount") > 0, "The suite ran no test.");
        Assert.Equal(0, outcome.Count("SkippedCount"));
        Assert.EndsWith(", 0 failed", summary);
    }

    private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString() ?? "";

    private static string Messages(object? errorRecords)
    {
        var records = errorRecords switch
        {
            PSObject { BaseObject: IEnumerable e } => e.Cast<object>(),
            IEnumerable e and not string => e.Cast<object>(),
            null => Enumerable.Empty<object>(),
            var single => new[] { single },
        };
        var text = new StringBuilder();
        foreach (var record in records.Select(r => r is PSObject p ? p.BaseObject : r))
        {
            if (text.Length > 0) text.Append(Environment.NewLine + "    ");
            text.Append(record is ErrorRecord e
                ? $"{e.Exception.Message} ({e.InvocationInfo?.ScriptName}:{e.InvocationInfo?.ScriptLineNumber})"
                : record?.ToString());
        }
        return text.Length == 0 ? "(no error record)" : text.ToString();
    }
}
