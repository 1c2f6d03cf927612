using System;
using System.Management.Automation;
using ArgilPS.Webhooks;

namespace ArgilPS.Commands;

/// <summary>
/// A render's -CallbackUrl when binding: an absolute https:// URL, or http:// on a loopback address.
/// Whether http:// is taken depends on the connection, which binding does not know: the cmdlet
/// checks that when it runs, with <see cref="WebhookRules.CheckCallbackUrl"/> and the connection
/// (<see cref="NewArgilWebhookCommand.IsLocalApi"/>), as New-ArgilWebhook does.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCallbackUrlAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = ValidateHttpsUrlAttribute.Unwrap(arguments);
        var url = value as Uri ?? (Uri.TryCreate(value?.ToString() ?? "", UriKind.RelativeOrAbsolute, out var parsed) ? parsed : null);
        var rule = WebhookRules.CheckCallbackUrl(url, localApi: true);
        if (rule is not null) throw new ValidationMetadataException($"The URL must be an absolute https:// URL: {rule}.");
    }

    /// <summary>
    /// The rule <paramref name="url"/> breaks for this connection, or null: http:// on loopback only
    /// while connected to the sandbox (or another API on this machine).
    /// </summary>
    internal static string? CheckForConnection(ArgilCmdlet cmdlet, Uri? url) =>
        url is null ? null : WebhookRules.CheckCallbackUrl(url, NewArgilWebhookCommand.IsLocalApi(cmdlet));
}
