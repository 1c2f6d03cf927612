using System.Management.Automation;
using ArgilPS.Avatars;
using ArgilPS.Completion;
using ArgilPS.Core;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilAvatar: gets avatars by id, or lists them with filters.</summary>
[Cmdlet(VerbsCommon.Get, "ArgilAvatar", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Base + "Get-ArgilAvatar.md")]
[OutputType(typeof(Avatar))]
public sealed class GetArgilAvatarCommand : ArgilCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>The ids of the avatars to get; avatars and objects with an Id or AvatarId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AvatarId")]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    /// <summary>Only avatars whose name matches; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AvatarNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateWildcardPattern]
    public string? Name { get; set; }

    /// <summary>Only landscape (ASPECT_RATIO_16_9) or portrait (ASPECT_RATIO_9_16) avatars.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("ASPECT_RATIO_16_9", "ASPECT_RATIO_9_16")]
    public string? Orientation { get; set; }

    /// <summary>Only avatars of this model.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("ARGIL_V1", "ARGIL_ATOM")]
    public string? Model { get; set; }

    /// <summary>public: Argil's own avatars; private: your workspace's. Both when omitted.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("public", "private")]
    public string? Visibility { get; set; }

    /// <summary>How many ids of a pipeline are got at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var client = Session.Avatars;
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id) RunOrdered(ThrottleLimit, (log, ct) => client.GetAvatarAsync(id, log, ct), id, avatar => WriteObject(avatar));
            return;
        }

        var filter = new AvatarListFilter { Orientation = Orientation, Model = Model, Visibility = Visibility?.ToLowerInvariant() };
        try
        {
            var list = client.ListAvatars(filter);
            if (Name is null)
            {
                WritePaged(list);
                return;
            }
            var pattern = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // A name typed as it is ("Demo [EN]") matches itself even though [ ] are wildcard characters.
            var matches = WritePaged(list, a => string.Equals(a.Name, Name, System.StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(a.Name));
            if (matches == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                var message = $"No avatar is named '{Name}'.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "AvatarNotFound", ErrorCategory.ObjectNotFound, Name)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use a wildcard (-Name '*part*') or list all avatars with Get-ArgilAvatar." },
                });
            }
        }
        catch (ArgilApiException e)
        {
            WriteApiError(e, Name);
        }
    }
}
