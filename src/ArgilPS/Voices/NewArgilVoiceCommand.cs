using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Voices;

namespace ArgilPS.Commands;

/// <summary>New-ArgilVoice: clones a voice from an audio file at an https URL; it is ready at once.</summary>
[Cmdlet(VerbsCommon.New, "ArgilVoice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-ArgilVoice.md")]
[OutputType(typeof(Voice))]
public sealed class NewArgilVoiceCommand : ArgilCmdlet
{
    /// <summary>The voice's name, 1 to 256 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateCharacterCount(1, InputRules.MaximumNameLength)]
    public string Name { get; set; } = "";

    /// <summary>An https URL of the audio to clone (MP3, WAV or M4A, 30 seconds to 4 minutes).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri AudioUrl { get; set; } = null!;

    /// <summary>The text-to-speech model, which decides the provider (ElevenLabs or Minimax); Argil's default when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VoiceModelCompleter))]
    [BlankAsNotGiven]
    [AllowNull]
    public string? ModelId { get; set; }

    /// <summary>ElevenLabs models: stability, 0 to 1.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [ValidateOptionalRange(0, 1)]
    public double? Stability { get; set; }

    /// <summary>ElevenLabs models: similarity to the recording, 0 to 1.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [ValidateOptionalRange(0, 1)]
    public double? Similarity { get; set; }

    /// <summary>ElevenLabs models: style exaggeration, 0 to 1.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [ValidateOptionalRange(0, 1)]
    public double? Style { get; set; }

    /// <summary>Every model: speaking speed, 0.7 to 1.2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [ValidateOptionalRange(0.7, 1.2)]
    public double? Speed { get; set; }

    /// <summary>ElevenLabs models except eleven_v3: speaker boost on or off.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanText]
    public bool? SpeakerBoost { get; set; }

    /// <summary>Minimax models: the language to favour ("auto" by default).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNotGiven]
    [AllowNull]
    public string? LanguageBoost { get; set; }

    /// <summary>Minimax models: the emotion of the voice.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VoiceEmotionCompleter))]
    [BlankAsNotGiven]
    [ValidateOptionalSet("auto", "happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral")]
    public string? Emotion { get; set; }

    /// <summary>How many voices of a pipeline are created at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var request = new NewVoiceRequest
        {
            Name = Name,
            AudioUrl = AudioUrl.AbsoluteUri,
            ModelId = ModelId?.Trim(),
            Stability = Stability,
            Similarity = Similarity,
            Style = Style,
            Speed = Speed,
            SpeakerBoost = SpeakerBoost,
            LanguageBoost = LanguageBoost?.Trim(),
            Emotion = ValidateOptionalSetAttribute.Canonical(Emotion, VoiceEmotionCompleter.Emotions),
        };
        WarnAboutOtherProvidersSettings(request);
        if (!ShouldProcess($"Argil voice '{Name}'", $"Create (cloning uses Argil credits) from the audio at {AudioUrl.AbsoluteUri}{Model(request)}")) return;

        var client = Session.Voices;
        var name = Name;
        var key = Session.Settings.ApiKey;
        RunOrdered(ThrottleLimit, (log, ct) => client.CreateVoiceAsync(request, log, ct), name, voice =>
        {
            WriteObject(voice);
            VoiceCompleter.Invalidate(Session);
        }, e => MayHaveBeenCreated(e, name, key));
    }

    private static string Model(NewVoiceRequest request) =>
        request.ModelId is { } model ? $" with the model {model}" : "";

    /// <summary>
    /// Settings of one provider given with a model of the other: Argil documents them for their own
    /// provider only, so they are likely ignored. Sent anyway (the API decides), with a warning.
    /// </summary>
    private void WarnAboutOtherProvidersSettings(NewVoiceRequest request)
    {
        var model = request.ModelId ?? VoiceModelCompleter.DefaultModel;
        var provider = VoiceModelCompleter.ProviderOf(model);
        if (provider is null) return; // a model Argil has not documented: nothing is known of it
        var misplaced = new List<string>();
        if (provider == "Minimax")
        {
            if (request.Stability is not null) misplaced.Add("-Stability");
            if (request.Similarity is not null) misplaced.Add("-Similarity");
            if (request.Style is not null) misplaced.Add("-Style");
            if (request.SpeakerBoost is not null) misplaced.Add("-SpeakerBoost");
        }
        else
        {
            if (request.LanguageBoost is not null) misplaced.Add("-LanguageBoost");
            if (request.Emotion is not null) misplaced.Add("-Emotion");
            if (request.SpeakerBoost is not null && string.Equals(model, "eleven_v3", StringComparison.OrdinalIgnoreCase)) misplaced.Add("-SpeakerBoost");
        }
        if (misplaced.Count == 0) return;
        var which = request.ModelId is null ? $"Argil's default model {model}" : $"the model {model}";
        WriteWarning(string.Format(CultureInfo.InvariantCulture, "Argil documents {0} for other models than {1} ({2}); New-ArgilVoice sends {3} for the voice '{4}' anyway, and the API may ignore {3}.",
            string.Join(", ", misplaced), which, provider, misplaced.Count == 1 ? "it" : "them", Name));
    }

    /// <summary>
    /// A failure after which the voice may exist (and be billed), told so, with the command that
    /// checks before creating it again; any other failure as it is.
    /// </summary>
    internal static ArgilApiException MayHaveBeenCreated(ArgilApiException failure, string name, ApiKey key)
    {
        if (!failure.MayHaveSucceeded) return failure;
        var check = Redactor.Redact("Get-ArgilVoice -Visibility private -Name " + ArgumentCompletion.Quote(WildcardPattern.Escape(name)), key);
        return failure.Rephrase(Redactor.Redact($"{failure.Message} The voice '{name}' may have been created (and billed); check with {check} before creating it again.", key),
            $"Run {check} to see whether it exists before running New-ArgilVoice again.", mayHaveSucceeded: true);
    }
}
