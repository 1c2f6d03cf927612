using System;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace ArgilPS.Host
{
    /// <summary>
    /// Makes <c>exit N</c> inside a script file reach the host. By default the engine stops an
    /// <c>exit</c> at the script-file boundary (only setting $LASTEXITCODE), which is right for a script
    /// called from another script but not for the script the host was asked to run. pwsh -File sets the
    /// engine's internal ExecutionContext.ScriptCommandProcessorShouldRethrowExit for exactly this; no
    /// public API exposes it, so it is set by reflection (tests cover 'exit N' from a file).
    /// </summary>
    internal static class ScriptExitPropagation
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        internal static void Enable(Runspace runspace)
        {
            object context = runspace.GetType().GetProperty("ExecutionContext", Instance)?.GetValue(runspace)
                ?? throw MissingEngineMember("Runspace.ExecutionContext");
            PropertyInfo rethrowExit = context.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", Instance)
                ?? throw MissingEngineMember("ExecutionContext.ScriptCommandProcessorShouldRethrowExit");
            rethrowExit.SetValue(context, true);
        }

        private static InvalidOperationException MissingEngineMember(string member) =>
            new InvalidOperationException(
                $"This PowerShell engine version has no {member}; 'exit N' in a script file cannot set the exit code.");
    }
}
