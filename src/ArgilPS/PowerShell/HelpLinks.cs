namespace ArgilPS.Commands;

/// <summary>Where each cmdlet's online help lives (Get-Help -Online).</summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/argilps/ArgilPS/blob/main/docs/en-US/";
}
