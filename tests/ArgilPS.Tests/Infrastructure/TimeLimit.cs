using System;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>An invocation of the engine that took longer than its time limit: a hang, turned into one failed test.</summary>
public sealed class TimeLimitExceededException : Exception
{
    public TimeLimitExceededException(string message) : base(message) { }
}

/// <summary>
/// The safety net of every test that runs the hosted engine: no invocation may take longer than a
/// generous limit. One that does is stopped (as Ctrl+C would) and fails its test with a clear
/// message; one that will not even stop is abandoned, with its runspace, so the run goes on.
/// </summary>
public static class TimeLimit
{
    /// <summary>How long one invocation may take: 60 s, or ARGILPS_TEST_TIME_LIMIT_SEC.</summary>
    public static TimeSpan PerInvocation { get; } = Seconds("ARGILPS_TEST_TIME_LIMIT_SEC", 60);

    /// <summary>How long Stop has to end a pipeline before the pipeline is abandoned.</summary>
    public static TimeSpan ForStop { get; } = TimeSpan.FromSeconds(30);

    private static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback);

    /// <summary>
    /// Invokes <paramref name="ps"/> within <paramref name="limit"/> (default <see cref="PerInvocation"/>).
    /// Throws <see cref="TimeLimitExceededException"/> after stopping it when it takes longer; sets
    /// <paramref name="abandoned"/> when it would not stop either, in which case neither it nor its
    /// runspace may be disposed (that would wait for it forever). Terminating errors are thrown as
    /// <see cref="PowerShell.Invoke()"/> throws them.
    /// </summary>
    public static Collection<PSObject> Invoke(PowerShell ps, string what, out bool abandoned, TimeSpan? limit = null, TimeSpan? stopLimit = null)
    {
        abandoned = false;
        var within = limit ?? PerInvocation;
        var running = ps.BeginInvoke();
        if (!running.AsyncWaitHandle.WaitOne(within))
        {
            abandoned = !Stop(ps, stopLimit);
            throw new TimeLimitExceededException(Exceeded(what, within, abandoned, stopLimit));
        }
        return new Collection<PSObject>(ps.EndInvoke(running).ToList());
    }

    /// <summary>Stops <paramref name="ps"/> as Ctrl+C would; false when it did not stop within <see cref="ForStop"/>.</summary>
    public static bool Stop(PowerShell ps, TimeSpan? stopLimit = null)
    {
        var stopping = ps.BeginStop(null, null);
        if (!stopping.AsyncWaitHandle.WaitOne(stopLimit ?? ForStop)) return false;
        ps.EndStop(stopping);
        return true;
    }

    public static string Exceeded(string what, TimeSpan within, bool abandoned, TimeSpan? stopLimit = null) =>
        $"Time limit: '{Shorten(what)}' did not finish within {within.TotalSeconds:0} s (a hang?); " +
        (abandoned
            ? $"it did not stop either within {(stopLimit ?? ForStop).TotalSeconds:0} s of Stop (does a cmdlet ignore Ctrl+C, StopProcessing?), so it was abandoned with its runspace."
            : "it was stopped.");

    private static string Shorten(string script)
    {
        var line = script.Replace("\r", " ").Replace("\n", " ").Trim();
        return line.Length <= 120 ? line : line.Substring(0, 117) + "...";
    }

    /// <summary>Disposes something that may wait for an abandoned pipeline, waiting for it at most <see cref="ForStop"/>.</summary>
    public static void DisposeBounded(IDisposable disposable)
    {
        var disposing = Task.Run(disposable.Dispose);
        try
        {
            disposing.Wait(ForStop);
        }
        catch (AggregateException)
        {
            // Disposing after a failure: the failure already told the story.
        }
    }
}

/// <summary>
/// A script started in the background on a host's runspace, for the tests that stop it (Ctrl+C).
/// Stopping and ending it are bounded by <see cref="TimeLimit"/>, and disposing it never waits
/// for a pipeline that will not stop.
/// </summary>
public sealed class RunningScript : IDisposable
{
    private readonly PowerShell _ps;
    private readonly IAsyncResult _running;
    private readonly string _script;
    private readonly Action _onAbandon;
    private bool _abandoned;

    internal RunningScript(System.Management.Automation.Runspaces.Runspace runspace, string script, Action onAbandon)
    {
        _script = script;
        _onAbandon = onAbandon;
        _ps = PowerShell.Create();
        _ps.Runspace = runspace;
        _ps.AddScript(script);
        _running = _ps.BeginInvoke();
    }

    /// <summary>Presses Ctrl+C: fails with <see cref="TimeLimitExceededException"/> when the pipeline does not stop within <see cref="TimeLimit.ForStop"/>.</summary>
    public void Stop()
    {
        if (!TimeLimit.Stop(_ps))
        {
            Abandon();
            throw new TimeLimitExceededException(
                $"Time limit: Stop did not end '{_script}' within {TimeLimit.ForStop.TotalSeconds:0} s: does a cmdlet ignore Ctrl+C (StopProcessing)? It was abandoned with its runspace.");
        }
    }

    /// <summary>The script's output; throws what it threw (PipelineStoppedException once stopped).</summary>
    public Collection<PSObject> End()
    {
        if (!_running.AsyncWaitHandle.WaitOne(TimeLimit.PerInvocation))
        {
            var stopped = TimeLimit.Stop(_ps);
            if (!stopped) Abandon();
            throw new TimeLimitExceededException(TimeLimit.Exceeded(_script, TimeLimit.PerInvocation, !stopped));
        }
        return new Collection<PSObject>(_ps.EndInvoke(_running).ToList());
    }

    private void Abandon()
    {
        _abandoned = true;
        _onAbandon();
    }

    public void Dispose()
    {
        if (_abandoned) return;
        if (!_running.IsCompleted && !TimeLimit.Stop(_ps))
        {
            Abandon();
            return;
        }
        _ps.Dispose();
    }
}
