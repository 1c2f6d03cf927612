using System;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilSubtitleStyle: lists the subtitle styles (GET /subtitles), every page, as the pages arrive.</summary>
[Cmdlet(VerbsCommon.Get, "ArgilSubtitleStyle", SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-ArgilSubtitleStyle.md")]
[OutputType(typeof(SubtitleStyle))]
public sealed class GetArgilSubtitleStyleCommand : ArgilCmdlet
{
    /// <summary>Only styles whose name matches; wildcards allowed, compared without case. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SubtitleStyleNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateWildcardPattern]
    public string? Name { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var list = Session.Subtitles.ListStyles();
            if (Name is null)
            {
                WritePaged(list);
                return;
            }
            var pattern = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // A name typed as it is ("Bold [Pop]") matches itself even though [ ] are wildcard characters.
            var matches = WritePaged(list, s => string.Equals(s.Name, Name, StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(s.Name));
            if (matches == 0 && !WildcardPattern.ContainsWildcardCharacters(Name) && PagingParameters.Skip == 0 && PagingParameters.First > 0)
            {
                var message = $"No subtitle style is named '{Name}'.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "SubtitleStyleNotFound", ErrorCategory.ObjectNotFound, Name)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use a wildcard (-Name '*part*') or list all styles with Get-ArgilSubtitleStyle." },
                });
            }
        }
        catch (ArgilApiException e)
        {
            WriteApiError(e, Name);
        }
    }
}
