using System.Management.Automation;

namespace EmptyModule;

/// <summary>What the one cmdlet writes; the module's one-view format file shows it as a table.</summary>
public sealed class Thing
{
    /// <summary>A name.</summary>
    public string Name { get; set; } = "";
}

/// <summary>The module's one cmdlet: writes one <see cref="Thing"/>.</summary>
[Cmdlet(VerbsCommon.Get, "EmptyThing")]
[OutputType(typeof(Thing))]
public sealed class GetEmptyThingCommand : PSCmdlet
{
    /// <inheritdoc/>
    protected override void ProcessRecord() => WriteObject(new Thing { Name = "thing" });
}
