using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using ArgilPS.Session;

namespace ArgilPS.Commands;

/// <summary>Connect-Argil: sets the API key and endpoint that the other cmdlets use, or starts the sandbox.</summary>
[Cmdlet(VerbsCommunications.Connect, "Argil", DefaultParameterSetName = ApiKeySet, HelpUri = HelpLinks.Base + "Connect-Argil.md")]
[OutputType(typeof(ArgilContext))]
public sealed class ConnectArgilCommand : ArgilCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";
    private const string SandboxSet = "Sandbox";

    /// <summary>The API key, as a SecureString so it stays out of the console history. With -Sandbox, the key the sandbox accepts (a random one otherwise).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = SandboxSet)]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    /// <summary>A credential whose password is the API key (the user name is ignored), e.g. from Get-Secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>The API's address; https://api.argil.ai/v1 by default.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateBaseUri]
    public Uri? BaseUri { get; set; }

    /// <summary>Start the embedded sandbox (an offline emulator of the API) and connect to it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SandboxSet)]
    public SwitchParameter Sandbox { get; set; }

    /// <summary>How time passes in the sandbox: Accelerated (default: waits are skipped), Realtime or Manual.</summary>
    [Parameter(ParameterSetName = SandboxSet)]
    public SandboxTimeMode SandboxTimeMode { get; set; } = SandboxTimeMode.Accelerated;

    /// <summary>Seconds one HTTP request may take before it fails with OperationTimeout; 0 for no limit.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int TimeoutSec { get; set; } = ArgilClientSettings.DefaultTimeoutSec;

    /// <summary>How many times a throttled or briefly failing request is retried (never a POST the server may have acted on).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaximumRetryCount { get; set; } = ArgilClientSettings.DefaultMaximumRetryCount;

    /// <summary>Seconds before the first retry; later retries wait exponentially longer, or as long as Retry-After asks.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int RetryIntervalSec { get; set; } = ArgilClientSettings.DefaultRetryIntervalSec;

    /// <summary>Process (default: every runspace of this process) or Runspace (only this one).</summary>
    [Parameter]
    [ValidateSet(SessionStore.ProcessScope, SessionStore.RunspaceScope)]
    public string Scope { get; set; } = SessionStore.ProcessScope;

    /// <summary>Output the new context.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        ArgilSession session;
        if (ParameterSetName == SandboxSet)
        {
            // Trimmed as the client trims it, so " key " is the same key on both sides.
            var sandboxKey = ApiKey is null ? null : new NetworkCredential("", ApiKey).Password?.Trim();
            if (!string.IsNullOrWhiteSpace(sandboxKey)) RefuseUnusableKey(sandboxKey!, "ApiKey");
            SandboxServer sandbox;
            try
            {
                sandbox = SandboxServer.Start(apiKey: string.IsNullOrWhiteSpace(sandboxKey) ? null : sandboxKey, timeMode: SandboxTimeMode);
            }
            catch (Exception e) when (e is HttpListenerException or System.Net.Sockets.SocketException or PlatformNotSupportedException)
            {
                var message = $"The sandbox could not listen on a loopback port: {e.Message}";
                ThrowTerminatingError(new ErrorRecord(new PSInvalidOperationException(message, e), "SandboxStartFailed", ErrorCategory.ResourceUnavailable, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Check that local firewall or policy allows listening on localhost, then try again." },
                });
                return;
            }
            var settings = new ArgilClientSettings(sandbox.BaseUri, new ApiKey(sandbox.ApiKey), TimeoutSec, MaximumRetryCount, RetryIntervalSec);
            session = new ArgilSession(settings, "Sandbox", Scope, sandbox: sandbox);
            WriteVerboseLine($"Started the Argil sandbox at {sandbox.BaseUri} ({SandboxTimeMode} time). Nothing is sent to Argil and no credits are used.");
        }
        else
        {
            var (secret, source) = ParameterSetName == CredentialSet
                ? (Credential.Password, "Credential")
                : (ApiKey, "Parameter");
            var plain = new NetworkCredential("", secret).Password;
            if (string.IsNullOrWhiteSpace(plain))
            {
                var parameter = ParameterSetName == CredentialSet ? "Credential" : "ApiKey";
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"Cannot use -{parameter}: the API key is empty.", parameter),
                    "EmptyApiKey", ErrorCategory.InvalidArgument, null));
            }
            RefuseUnusableKey(plain, ParameterSetName == CredentialSet ? "Credential" : "ApiKey");
            var settings = new ArgilClientSettings(BaseUri ?? EndpointRules.DefaultBaseUri, new ApiKey(plain), TimeoutSec, MaximumRetryCount, RetryIntervalSec);
            session = new ArgilSession(settings, source, Scope);
            WriteVerboseLine($"Connected to {settings.BaseUri} with the key ending {settings.ApiKey.Fingerprint}.");
        }
        SessionStore.Set(session, Runspace.DefaultRunspace);
        if (PassThru) WriteObject(session.ToContext());
    }

    /// <summary>A key that cannot be a header value is refused here, before any request, naming the parameter and never the key.</summary>
    private void RefuseUnusableKey(string key, string parameter)
    {
        if (Core.ApiKey.Check(key) is not { } rule) return;
        var what = parameter == "Credential" ? "the password of -Credential" : "-ApiKey";
        ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"Cannot use the API key given with {what}: {rule}.", parameter),
            "InvalidApiKey", ErrorCategory.InvalidArgument, null)
        {
            ErrorDetails = new ErrorDetails($"Cannot use the API key given with {what}: {rule}.")
            {
                RecommendedAction = "Copy the key again from https://app.argil.ai/developers, or read it with Read-Host -AsSecureString.",
            },
        });
    }
}
