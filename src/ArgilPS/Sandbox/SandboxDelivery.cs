using System;

namespace ArgilPS.Sandbox;

/// <summary>
/// One attempt of the sandbox to deliver an event to a webhook's callbackUrl (or to a render's
/// one-shot callbackUrl), as its journal of deliveries keeps it (Get-ArgilSandboxDelivery).
/// </summary>
public sealed class SandboxDelivery
{
    /// <summary>Its place in the journal of deliveries, from 1.</summary>
    public int Sequence { get; set; }

    /// <summary>When the attempt was made, on the sandbox clock.</summary>
    public DateTime Time { get; set; }

    /// <summary>The event delivered, such as AVATAR_TRAINING_SUCCESS.</summary>
    public string Event { get; set; } = "";

    /// <summary>The address posted to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The webhook whose address it is, or null for a render's one-shot callbackUrl.</summary>
    public string? WebhookId { get; set; }

    /// <summary>Which attempt this was for this event and address, from 1.</summary>
    public int Attempt { get; set; }

    /// <summary>The status the receiver answered, or 0 when it did not answer (refused, timed out, cut off).</summary>
    public int StatusCode { get; set; }

    /// <summary>Delivered (a 2xx answer), Retrying (failed; tried again at <see cref="NextAttemptAt"/>), or GaveUp (failed, the last attempt).</summary>
    public string Outcome { get; set; } = "";

    /// <summary>What went wrong, for a failed attempt.</summary>
    public string? Error { get; set; }

    /// <summary>When the next attempt is due, on the sandbox clock, after a failed attempt that is retried.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>The JSON body that was posted.</summary>
    public string Body { get; set; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{Sequence} {Event} -> {Url} (attempt {Attempt}): {Outcome}{(StatusCode > 0 ? " " + StatusCode : "")}";
}
