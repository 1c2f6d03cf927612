using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using ArgilPS.HelpBuilder.Model;
using ArgilPS.HelpBuilder.Validation;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.Help
{
    /// <summary>
    /// The in-process PowerShell engine, and the conversions from its metadata into the plain
    /// data <see cref="HelpValidator"/> takes (kept here so the builder needs no SDK).
    /// </summary>
    public sealed class HostedEngine : IDisposable
    {
        private readonly Runspace _runspace;
        private bool _abandoned;

        public HostedEngine()
        {
            // CreateDefault2 loads only the core snap-in and autoloads the rest; CreateDefault
            // fails in this hosting setup.
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
        }

        /// <summary>
        /// Runs <paramref name="script"/>, within the tests' time limit; any error record fails the
        /// test with its text.
        /// </summary>
        public List<PSObject> Invoke(string script, IDictionary<string, object>? variables = null)
        {
            if (_abandoned) throw new TimeLimitExceededException("This engine was abandoned to a script that would not stop; it runs nothing more.");
            PowerShell shell = PowerShell.Create();
            var abandoned = false;
            try
            {
                shell.Runspace = _runspace;
                if (variables != null)
                {
                    foreach (KeyValuePair<string, object> variable in variables)
                    {
                        _runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
                    }
                }

                shell.AddScript(script);
                List<PSObject> output = TimeLimit.Invoke(shell, script, out abandoned).ToList();
                if (shell.HadErrors || shell.Streams.Error.Count > 0)
                {
                    throw new InvalidOperationException("script failed: " + string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
                }

                return output;
            }
            finally
            {
                // A script that would not stop keeps the runspace: disposing either would wait for it forever.
                if (abandoned)
                {
                    _abandoned = true;
                }
                else
                {
                    shell.Dispose();
                }
            }
        }

        /// <summary>Runs <paramref name="script"/> piped to Out-String at a fixed width, so help text wraps predictably.</summary>
        public string Text(string script) => string.Concat(Invoke($"{script} | Out-String -Width 200").Select(o => o.ToString()));

        public void Dispose()
        {
            if (!_abandoned) TimeLimit.DisposeBounded(_runspace);
        }

        /// <summary><c>Get-Command -Module</c> as <see cref="CommandSignature"/>s, common parameters left out.</summary>
        public List<CommandSignature> Signatures(string module) =>
            Invoke("Get-Command -Module $module -CommandType Cmdlet", new Dictionary<string, object> { ["module"] = module })
                .Select(o => ToSignature((CommandInfo)o.BaseObject))
                .ToList();

        public static CommandSignature ToSignature(CommandInfo command)
        {
            // platyPS documents -WhatIf and -Confirm on the page (they are ShouldProcess's, not
            // every cmdlet's), so only the always-present common parameters are left out.
            var common = new HashSet<string>(Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters.Except(new[] { "WhatIf", "Confirm" })), StringComparer.OrdinalIgnoreCase);
            var parameters = command.Parameters.Values
                .Where(p => !common.Contains(p.Name))
                .Select(p => new ParameterSignature(
                    p.Name,
                    p.ParameterSets.Select(set => new ParameterSetMembership(
                        set.Key,
                        set.Value.IsMandatory,
                        set.Value.Position == int.MinValue ? null : set.Value.Position,
                        (set.Value.ValueFromPipeline ? PipelineInput.ByValue : PipelineInput.None)
                        | (set.Value.ValueFromPipelineByPropertyName ? PipelineInput.ByPropertyName : PipelineInput.None))).ToList()))
                .ToList();

            return new CommandSignature(
                command.Name,
                command.ParameterSets.Select(s => s.Name).ToList(),
                command.ParameterSets.FirstOrDefault(s => s.IsDefault)?.Name,
                parameters);
        }

        /// <summary>The example check <see cref="HelpValidator"/> delegates to the engine's parser.</summary>
        public static IReadOnlyList<string> ParseErrors(string script)
        {
            Parser.ParseInput(script, out _, out ParseError[] errors);
            return errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}").ToList();
        }
    }
}
