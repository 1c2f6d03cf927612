namespace ArgilPS.HelpBuilder.Validation
{
    public enum HelpIssueKind
    {
        /// <summary>The module exports a cmdlet that has no markdown page.</summary>
        MissingCommandPage,

        /// <summary>A page describes a cmdlet the module does not export.</summary>
        UnknownCommandPage,

        /// <summary>The cmdlet has a parameter the page does not describe.</summary>
        MissingParameter,

        /// <summary>The page describes a parameter the cmdlet does not have.</summary>
        ExtraParameter,

        MandatoryMismatch,
        PipelineInputMismatch,
        PositionMismatch,

        /// <summary>The page's parameter sets (or a parameter's membership in them) differ from the cmdlet's.</summary>
        ParameterSetsMismatch,

        DefaultParameterSetMismatch,
        MissingSynopsis,
        MissingDescription,
        MissingExample,
        UndescribedParameter,
        ExampleDoesNotParse,
    }

    /// <summary>One disagreement between a help page and the cmdlet it documents.</summary>
    /// <param name="Parameter">The parameter concerned, without the dash, or null for the whole page.</param>
    /// <param name="File">The markdown file, when there is one.</param>
    /// <param name="Line">The line in <paramref name="File"/> the issue is about, when known.</param>
    public sealed record HelpIssue(HelpIssueKind Kind, string Command, string? Parameter, string Message, string? File = null, int? Line = null)
    {
        public override string ToString()
        {
            string where = File == null ? string.Empty : Line == null ? File + ": " : $"{File}:{Line}: ";
            string what = Parameter == null ? Command : $"{Command} -{Parameter}";
            return $"{where}{what}: {Message} [{Kind}]";
        }
    }
}
