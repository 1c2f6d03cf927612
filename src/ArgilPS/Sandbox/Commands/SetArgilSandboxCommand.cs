using System;
using System.Management.Automation;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>Set-ArgilSandbox: changes how the sandbox behaves: its clock, training time, and timestamp spelling.</summary>
[Cmdlet(VerbsCommon.Set, "ArgilSandbox", SupportsShouldProcess = false, HelpUri = HelpLinks.Base + "Set-ArgilSandbox.md")]
[OutputType(typeof(SandboxState))]
public sealed class SetArgilSandboxCommand : SandboxCmdlet
{
    /// <summary>Realtime, Accelerated (waits are skipped) or Manual (time moves only with -AdvanceSeconds and the module's waits).</summary>
    [Parameter]
    public SandboxTimeMode TimeMode { get; set; }

    /// <summary>Seconds an avatar trains on the sandbox clock (default 30, as Argil documents).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double TrainingSeconds { get; set; }

    /// <summary>Seconds a video-mode avatar stays NOT_TRAINED before it trains (default 10).</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double NotTrainedSeconds { get; set; }

    /// <summary>Moves the sandbox clock forward by this many seconds.</summary>
    [Parameter]
    [ValidateRange(0.0, 31536000.0)]
    public double AdvanceSeconds { get; set; }

    /// <summary>Spell the creation time "createAt" in avatars, as older Argil documentation does.</summary>
    [Parameter]
    public SwitchParameter LegacyTimestampSpelling { get; set; }

    /// <summary>Output the sandbox's state afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var sandbox = Sandbox;
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(TimeMode))) sandbox.Clock.Mode = TimeMode;
        if (bound.ContainsKey(nameof(TrainingSeconds))) sandbox.Options.TrainingDuration = TimeSpan.FromSeconds(TrainingSeconds);
        if (bound.ContainsKey(nameof(NotTrainedSeconds))) sandbox.Options.NotTrainedDuration = TimeSpan.FromSeconds(NotTrainedSeconds);
        if (bound.ContainsKey(nameof(LegacyTimestampSpelling))) sandbox.Options.LegacyTimestampSpelling = LegacyTimestampSpelling;
        if (AdvanceSeconds > 0) sandbox.Clock.Advance(TimeSpan.FromSeconds(AdvanceSeconds));
        if (PassThru) WriteObject(sandbox.State);
    }
}
