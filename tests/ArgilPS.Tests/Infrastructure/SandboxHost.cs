using System;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Session;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>A runspace with the module imported and connected (Runspace scope) to a sandbox of its own.</summary>
public sealed class SandboxHost : IDisposable
{
    public SandboxHost(string timeMode = "Manual")
    {
        Host = new PowerShellHost();
        Host.Run($"Connect-Argil -Sandbox -SandboxTimeMode {timeMode} -Scope Runspace").ThrowIfTerminated();
        Sandbox = SessionStore.Connected(Host.Runspace)?.Sandbox ?? throw new InvalidOperationException("No sandbox session.");
    }

    public PowerShellHost Host { get; }
    internal SandboxServer Sandbox { get; }
    public string ApiKey => Sandbox.ApiKey;

    public ScriptResult Run(string script) => Host.Run(script);

    public int RequestCount(string method, string pathPrefix = "/avatars") =>
        Sandbox.Journal.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Creates an avatar straight through the sandbox and returns its id.</summary>
    public string CreateAvatar(string name, string? outcome = null)
    {
        var extras = outcome is null ? "" : $", \"extras\": {{\"sandbox-outcome\": \"{outcome}\"}}";
        var answer = Sandbox.Avatars.Create($"{{\"type\":\"IMAGE\",\"name\":\"{name}\",\"datasetImage\":{{\"url\":\"https://example.com/{name}.png\"}}{extras}}}");
        if (answer.Status != 201) throw new InvalidOperationException(answer.Body);
        return System.Text.Json.JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;
    }

    public void Dispose()
    {
        // After a hang the runspace runs nothing more: the sandbox is stopped directly.
        if (Host.Abandoned) Sandbox.Dispose();
        else Host.Run("Disconnect-Argil");
        Host.Dispose();
    }
}
