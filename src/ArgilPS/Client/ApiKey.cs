using System;

namespace ArgilPS.Client;

/// <summary>
/// Holds the API key. Its ToString is the fingerprint, so a key that lands in a log line or a
/// formatted object by mistake shows as "…abcd" and never as itself.
/// </summary>
internal sealed class ApiKey
{
    private readonly string _value;

    public ApiKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The API key is empty.", nameof(value));
        _value = value.Trim();
    }

    /// <summary>The key itself: only for the x-api-key header and for redaction.</summary>
    public string Reveal() => _value;

    public string Fingerprint => _value.Length <= 8 ? "…" : "…" + _value.Substring(_value.Length - 4);

    public override string ToString() => Fingerprint;
}
