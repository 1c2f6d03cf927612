using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Voices;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilVoice: gets voices by id, or lists them with filters.</summary>
[Cmdlet(VerbsCommon.Get, "ArgilVoice", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Base + "Get-ArgilVoice.md")]
[OutputType(typeof(Voice))]
public sealed class GetArgilVoiceCommand : ArgilCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>The ids of the voices to get; voices and objects with an Id or VoiceId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VoiceId")]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    /// <summary>Only voices whose name matches; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VoiceNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateWildcardPattern]
    public string? Name { get; set; }

    /// <summary>Only voices of this language.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("ENGLISH", "SPANISH", "FRENCH", "PORTUGUESE", "BRAZILIAN_PORTUGUESE", "GERMAN", "RUSSIAN", "HINDI", "CHINESE", "DUTCH", "ARABIC")]
    public string? Language { get; set; }

    /// <summary>Only male or only female voices.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("MALE", "FEMALE")]
    public string? Gender { get; set; }

    /// <summary>public: Argil's own voices; private: your workspace's. Both when omitted.</summary>
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
        var client = Session.Voices;
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id) RunOrdered(ThrottleLimit, (log, ct) => client.GetVoiceAsync(id, log, ct), id, voice => WriteObject(voice));
            return;
        }

        // ValidateSet ignores case; the API's enums do not.
        var filter = new VoiceListFilter
        {
            Language = Language?.ToUpperInvariant(),
            Gender = Gender?.ToUpperInvariant(),
            Visibility = Visibility?.ToLowerInvariant(),
        };
        try
        {
            var list = client.ListVoices(filter);
            if (Name is null)
            {
                WritePaged(list);
                return;
            }
            var pattern = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // A name typed as it is ("Emma [EN]") matches itself even though [ ] are wildcard characters.
            var matches = WritePaged(list, v => string.Equals(v.Name, Name, System.StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(v.Name));
            if (matches == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                var message = $"No voice is named '{Name}'.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "VoiceNotFound", ErrorCategory.ObjectNotFound, Name)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use a wildcard (-Name '*part*') or list all voices with Get-ArgilVoice." },
                });
            }
        }
        catch (ArgilApiException e)
        {
            WriteApiError(e, Name);
        }
    }
}
