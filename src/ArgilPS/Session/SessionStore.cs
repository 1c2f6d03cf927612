using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ArgilPS.Avatars;
using ArgilPS.Core;

namespace ArgilPS.Session;

/// <summary>
/// Where connections live. Process scope (the default) is seen by every runspace, so
/// ForEach-Object -Parallel and thread jobs work; Runspace scope keeps a connection to one runspace
/// and wins over the process one there. With neither, the environment variables are read.
/// </summary>
internal static class SessionStore
{
    public const string ProcessScope = "Process";
    public const string RunspaceScope = "Runspace";

    private static readonly object Gate = new();
    private static readonly ConditionalWeakTable<Runspace, ArgilSession> PerRunspace = new();
    private static ArgilSession? _process;

    public static void Set(ArgilSession session, Runspace? runspace)
    {
        ArgilSession? replaced;
        lock (Gate)
        {
            if (session.Scope == RunspaceScope && runspace is not null)
            {
                if (!PerRunspace.TryGetValue(runspace, out replaced)) runspace.StateChanged += DisposeWhenClosed;
                PerRunspace.Remove(runspace);
                PerRunspace.Add(runspace, session);
            }
            else
            {
                replaced = _process;
                _process = session;
            }
        }
        if (!ReferenceEquals(replaced, session)) replaced?.Dispose();
    }

    /// <summary>
    /// A runspace that closes takes its connection with it: a sandbox it started would otherwise
    /// keep its listener open for the life of the process (thread jobs, runspace pools).
    /// </summary>
    private static void DisposeWhenClosed(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is not Runspace runspace || e.RunspaceStateInfo.State is not (RunspaceState.Closed or RunspaceState.Broken)) return;
        runspace.StateChanged -= DisposeWhenClosed;
        ArgilSession? own;
        lock (Gate)
        {
            if (!PerRunspace.TryGetValue(runspace, out own)) return;
            PerRunspace.Remove(runspace);
        }
        own.Dispose();
    }

    /// <summary>
    /// The connection every cmdlet uses: this runspace's, else the process's, else one from the
    /// environment variables; null when there is none. Throws <see cref="ConfigurationException"/>
    /// for an environment variable that is set but wrong.
    /// </summary>
    public static ArgilSession? Current(Runspace? runspace) => Connected(runspace) ?? FromEnvironment();

    /// <summary>The connection in effect for this runspace, without looking at the environment.</summary>
    public static ArgilSession? Connected(Runspace? runspace)
    {
        lock (Gate)
        {
            if (runspace is not null && PerRunspace.TryGetValue(runspace, out var own)) return own;
            return _process;
        }
    }

    /// <summary>Ends the connection in effect for this runspace. Returns false when there was none.</summary>
    public static bool Remove(Runspace? runspace)
    {
        ArgilSession? removed = null;
        lock (Gate)
        {
            if (runspace is not null && PerRunspace.TryGetValue(runspace, out var own))
            {
                removed = own;
                PerRunspace.Remove(runspace);
            }
            else if (_process is not null)
            {
                removed = _process;
                _process = null;
            }
        }
        removed?.Dispose();
        return removed is not null;
    }

    /// <summary>
    /// Remove-Module ArgilPS: ends the Process-scope connection and this runspace's own, stopping
    /// any sandbox they started, so nothing keeps listening and a new import starts unconnected.
    /// Runspace-scope connections of other runspaces end when those runspaces close.
    /// </summary>
    public static void RemoveOnUnload(Runspace? runspace)
    {
        ArgilSession? own = null;
        ArgilSession? process;
        lock (Gate)
        {
            if (runspace is not null && PerRunspace.TryGetValue(runspace, out own))
            {
                PerRunspace.Remove(runspace);
                runspace.StateChanged -= DisposeWhenClosed;
            }
            process = _process;
            _process = null;
        }
        own?.Dispose();
        process?.Dispose();
    }

    public const string KeyVariable = "ARGIL_API_KEY";
    public const string BaseUriVariable = "ARGIL_BASE_URI";
    public const string TimeoutVariable = "ARGIL_TIMEOUT_SEC";
    public const string RetryCountVariable = "ARGIL_MAXIMUM_RETRY_COUNT";
    public const string RetryIntervalVariable = "ARGIL_RETRY_INTERVAL_SEC";

    /// <summary>
    /// A session from ARGIL_API_KEY and friends, read afresh each time so a script can change them;
    /// null when no key is set. Throws <see cref="ConfigurationException"/> for a value that is set but wrong.
    /// </summary>
    public static ArgilSession? FromEnvironment(IDictionary? environment = null)
    {
        string? Read(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment[name] as string;
        var key = Read(KeyVariable);
        if (string.IsNullOrWhiteSpace(key)) return null;
        if (ApiKey.Check(key) is { } keyRule)
            throw new ConfigurationException($"The environment variable {KeyVariable} is not a usable API key: {keyRule}.", KeyVariable);
        var baseUri = EndpointRules.DefaultBaseUri;
        var uriText = Read(BaseUriVariable);
        if (!string.IsNullOrWhiteSpace(uriText))
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out var parsed))
                throw new ConfigurationException($"The environment variable {BaseUriVariable} ('{EndpointRules.DisplayText(uriText)}') is not an absolute URL.", BaseUriVariable);
            var rule = EndpointRules.Check(parsed);
            if (rule is not null) throw new ConfigurationException($"The environment variable {BaseUriVariable} is not usable: {rule}.", BaseUriVariable);
            baseUri = parsed;
        }
        var settings = new ArgilClientSettings(baseUri, new ApiKey(key!),
            ReadInt(Read(TimeoutVariable), TimeoutVariable, ArgilClientSettings.DefaultTimeoutSec, 0, 86400),
            ReadInt(Read(RetryCountVariable), RetryCountVariable, ArgilClientSettings.DefaultMaximumRetryCount, 0, 100),
            ReadInt(Read(RetryIntervalVariable), RetryIntervalVariable, ArgilClientSettings.DefaultRetryIntervalSec, 0, 3600));
        return new ArgilSession(settings, "Environment", "Environment");
    }

    private static int ReadInt(string? text, string name, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new ConfigurationException($"The environment variable {name} ('{text}') must be a whole number from {min} to {max}.", name);
    }
}

/// <summary>A setting that makes every call impossible: a terminating error.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, string setting) : base(message)
    {
        Setting = setting;
    }

    public string Setting { get; }
}
