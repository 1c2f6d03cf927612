using System.Management.Automation;

namespace ArgilPS.Tests.Help
{
    /// <summary>
    /// A real cmdlet for the help builder to document: the test assembly is imported as a
    /// binary module so that Get-Help reads the generated MAML exactly as it would for ArgilPS.
    /// Its shape (two sets, pipeline by value and by property name, an alias, a value set, a
    /// switch) covers what the MAML writer and the validator have to get right.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HelpSample", DefaultParameterSetName = "ByName")]
    [OutputType(typeof(string))]
    public sealed class GetHelpSampleCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "ByName")]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        public int Id { get; set; }

        [Parameter]
        [Alias("Label")]
        [ValidateSet("Red", "Green")]
        public string[]? Tag { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(ParameterSetName == "ById" ? "id:" + Id : "name:" + Name);
        }
    }
}
