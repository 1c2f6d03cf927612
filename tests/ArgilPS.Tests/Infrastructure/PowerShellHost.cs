using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>The outcome of one script: every stream, kept apart.</summary>
public sealed class ScriptResult
{
    public required Collection<PSObject> Output { get; init; }
    public required List<ErrorRecord> Errors { get; init; }
    public required List<string> Warnings { get; init; }
    public required List<string> Verbose { get; init; }
    public required List<string> Debug { get; init; }
    public required List<ProgressRecord> Progress { get; init; }
    public required List<string> Information { get; init; }
    public Exception? Terminating { get; init; }

    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>Everything a user could see, as one text, for the redaction checks.</summary>
    public string AllText()
    {
        var sb = new StringBuilder();
        foreach (var o in Output) sb.AppendLine(o?.ToString());
        foreach (var e in Errors)
        {
            sb.AppendLine(e.ToString()).AppendLine(e.Exception?.ToString()).AppendLine(e.ErrorDetails?.Message)
              .AppendLine(e.ErrorDetails?.RecommendedAction).AppendLine(e.TargetObject?.ToString()).AppendLine(e.FullyQualifiedErrorId);
        }
        foreach (var s in Warnings.Concat(Verbose).Concat(Debug).Concat(Information)) sb.AppendLine(s);
        foreach (var p in Progress) sb.AppendLine(p.Activity).AppendLine(p.StatusDescription).AppendLine(p.CurrentOperation);
        if (Terminating is not null) sb.AppendLine(Terminating.ToString());
        return sb.ToString();
    }
}

/// <summary>
/// A runspace of the hosted PowerShell 7.6 engine with the built module imported. Every script is
/// run within <see cref="TimeLimit.PerInvocation"/>: a hang fails its test instead of the test run.
/// </summary>
public sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost(bool importModule = true, Action<InitialSessionState>? configure = null)
    {
        var state = InitialSessionState.CreateDefault2();
        configure?.Invoke(state);
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        if (importModule) Run($"Import-Module '{ModuleAssembly.ManifestPath}' -ErrorAction Stop").ThrowIfTerminated();
    }

    public Runspace Runspace => _runspace;

    /// <summary>
    /// Whether a script here would not stop, even when told to: the runspace is then left as it is
    /// (closing it would wait for that script forever) and runs nothing more.
    /// </summary>
    public bool Abandoned { get; private set; }

    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null, TimeSpan? timeLimit = null)
    {
        if (Abandoned) throw new TimeLimitExceededException("This runspace was abandoned to a script that would not stop; it runs nothing more.");
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        var abandoned = false;
        try
        {
            if (variables is not null)
                foreach (var pair in variables) _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            ps.AddScript(script);
            Collection<PSObject> output;
            Exception? terminating = null;
            try
            {
                output = TimeLimit.Invoke(ps, script, out abandoned, timeLimit);
            }
            catch (RuntimeException e)
            {
                output = new Collection<PSObject>();
                terminating = e;
            }
            return new ScriptResult
            {
                Output = output,
                Errors = ps.Streams.Error.ToList(),
                Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
                Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
                Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
                Progress = ps.Streams.Progress.ToList(),
                Information = ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList(),
                Terminating = terminating,
            };
        }
        finally
        {
            if (abandoned) Abandoned = true;
            else ps.Dispose();
        }
    }

    /// <summary>Starts a script in the background, for a test that stops it as Ctrl+C would.</summary>
    public RunningScript Start(string script) => new(_runspace, script, () => Abandoned = true);

    public void Dispose()
    {
        // An abandoned runspace is left open: closing it would wait for the script that would not stop.
        if (!Abandoned) TimeLimit.DisposeBounded(_runspace);
    }
}

public static class ScriptResultExtensions
{
    public static ScriptResult ThrowIfTerminated(this ScriptResult result)
    {
        if (result.Terminating is not null) throw new InvalidOperationException("Script failed: " + result.Terminating.Message, result.Terminating);
        return result;
    }
}
