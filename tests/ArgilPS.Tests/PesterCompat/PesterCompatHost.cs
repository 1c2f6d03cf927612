using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.PesterCompat;

/// <summary>
/// Runs the PesterCompat module in a fresh in-process runspace, the same way a build host would,
/// and captures what a user would see (host lines) plus the -PassThru result.
/// </summary>
internal static class PesterCompatHost
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModuleManifest => Path.Combine(RepoRoot, "tools", "PesterCompat", "PesterCompat.psd1");

    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "pester-compat-fixtures", name);

    /// <summary>Imports the module and calls Invoke-Pester with the given parameters.</summary>
    public static PesterCompatOutcome InvokePester(IDictionary<string, object?> parameters)
    {
        return Run(ps => ps.AddCommand("Invoke-Pester").AddParameters(new Hashtable(parameters.ToDictionary(p => p.Key, p => p.Value))));
    }

    /// <summary>Imports the module and runs a script, for cases that need PowerShell syntax (e.g. unknown parameters).</summary>
    public static PesterCompatOutcome InvokeScript(string script)
    {
        return Run(ps => ps.AddScript(script));
    }

    public static PesterCompatOutcome Detailed(string fixture, params (string Name, object Value)[] extra)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["Path"] = new[] { Fixture(fixture) },
            ["Output"] = "Detailed",
            ["PassThru"] = true,
        };
        foreach (var (name, value) in extra)
        {
            parameters[name] = value;
        }

        return InvokePester(parameters);
    }

    private static PesterCompatOutcome Run(Action<PowerShell> addCommands)
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            // Hosted engines on Windows default to a policy that refuses to load script modules.
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }

        Runspace runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        PowerShell ps = PowerShell.Create();
        var abandoned = false;
        try
        {
            return Run(runspace, ps, addCommands, out abandoned);
        }
        finally
        {
            // A run that would not stop keeps both: disposing either would wait for it forever.
            if (!abandoned)
            {
                ps.Dispose();
                TimeLimit.DisposeBounded(runspace);
            }
        }
    }

    /// <summary>The whole suite in one invocation: a generous limit of its own, still short of a hang.</summary>
    private static readonly TimeSpan SuiteTimeLimit = TimeSpan.FromMinutes(10);

    private static PesterCompatOutcome Run(Runspace runspace, PowerShell ps, Action<PowerShell> addCommands, out bool abandoned)
    {
        abandoned = false;
        ps.Runspace = runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", ModuleManifest).AddParameter("ErrorAction", ActionPreference.Stop);
        ps.AddStatement();
        addCommands(ps);

        Collection<PSObject> output;
        Exception? failure = null;
        try
        {
            output = TimeLimit.Invoke(ps, "Invoke-Pester", out abandoned, SuiteTimeLimit);
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            failure = ex;
        }

        var lines = ps.Streams.Information.Select(record => record.MessageData?.ToString() ?? string.Empty).ToList();
        var errors = ps.Streams.Error.ToList();

        // Fixtures record execution order in globals named PesterCompat*.
        ps.Commands.Clear();
        ps.AddCommand("Get-Variable").AddParameter("Name", "PesterCompat*").AddParameter("Scope", "Global");
        var globals = ps.Invoke().Select(v => (PSVariable)v.BaseObject).ToDictionary(v => v.Name, v => (object?)v.Value);

        return new PesterCompatOutcome(output, lines, errors, globals, failure);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArgilPS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ArgilPS.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class PesterCompatOutcome
{
    public PesterCompatOutcome(
        Collection<PSObject> output,
        IReadOnlyList<string> lines,
        IReadOnlyList<ErrorRecord> errors,
        IReadOnlyDictionary<string, object?> globals,
        Exception? failure)
    {
        Output = output;
        Lines = lines;
        Errors = errors;
        Globals = globals;
        Failure = failure;
    }

    public Collection<PSObject> Output { get; }

    /// <summary>Everything written with Write-Host, one entry per line.</summary>
    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyDictionary<string, object?> Globals { get; }

    /// <summary>The exception that stopped the pipeline, if any.</summary>
    public Exception? Failure { get; }

    /// <summary>
    /// The pipeline's exception or, for statement-terminating errors (which a script survives), the first error record.
    /// </summary>
    public string? FailureMessage => Failure?.Message ?? Errors.FirstOrDefault()?.Exception.Message;

    public PSObject Result => Output.Count == 1
        ? Output[0]
        : throw new InvalidOperationException($"Expected one result object, got {Output.Count}. {Transcript}{Failure}");

    public string Status => (string)Result.Properties["Result"].Value;

    public string Transcript => string.Join(Environment.NewLine, Lines);

    public int Count(string property) => Convert.ToInt32(Result.Properties[property].Value);

    public IReadOnlyList<PSObject> Tests => List("Tests");

    public IReadOnlyList<PSObject> List(string property) => Items(Result.Properties[property].Value);

    public PSObject Test(string expandedPath) =>
        Tests.SingleOrDefault(t => (string)t.Properties["ExpandedPath"].Value == expandedPath)
        ?? throw new InvalidOperationException($"No test '{expandedPath}'. {Transcript}");

    public string TestResult(string expandedPath) => (string)Test(expandedPath).Properties["Result"].Value;

    public string FirstErrorMessage(string expandedPath) =>
        Items(Test(expandedPath).Properties["ErrorRecord"].Value).Select(e => ((ErrorRecord)e.BaseObject).Exception.Message).First();

    public IReadOnlyList<string> PathsWithResult(string result) =>
        Tests.Where(t => (string)t.Properties["Result"].Value == result).Select(t => (string)t.Properties["ExpandedPath"].Value).ToList();

    public IReadOnlyList<string> StringList(string globalName) =>
        Items(Globals.TryGetValue(globalName, out var value) ? value : null).Select(i => i.ToString()).ToList();

    private static IReadOnlyList<PSObject> Items(object? value) => value switch
    {
        null => Array.Empty<PSObject>(),
        PSObject { BaseObject: IEnumerable e and not string } => e.Cast<object>().Select(PSObject.AsPSObject).ToList(),
        IEnumerable e and not string => e.Cast<object>().Select(PSObject.AsPSObject).ToList(),
        _ => new[] { PSObject.AsPSObject(value) },
    };
}
