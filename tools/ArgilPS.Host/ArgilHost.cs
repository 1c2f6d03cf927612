using System;
using System.Globalization;
using System.Management.Automation.Host;
using System.Threading;

namespace ArgilPS.Host
{
    /// <summary>The PSHost given to the runspace; records the script's requested exit code.</summary>
    internal sealed class ArgilHost : PSHost
    {
        private readonly ArgilHostUserInterface _ui;
        private readonly CultureInfo _culture = Thread.CurrentThread.CurrentCulture;
        private readonly CultureInfo _uiCulture = Thread.CurrentThread.CurrentUICulture;

        internal ArgilHost(HostConsole console)
        {
            _ui = new ArgilHostUserInterface(console);
        }

        public override string Name => "ArgilPS.Host";

        public override Version Version { get; } =
            typeof(ArgilHost).Assembly.GetName().Version ?? new Version(1, 0);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => _ui;

        public override CultureInfo CurrentCulture => _culture;

        public override CultureInfo CurrentUICulture => _uiCulture;

        /// <summary>Set when the script ran <c>exit N</c> at the top level.</summary>
        internal int? RequestedExitCode { get; private set; }

        public override void SetShouldExit(int exitCode) => RequestedExitCode = exitCode;

        public override void EnterNestedPrompt() =>
            throw new NotSupportedException("argilps-host runs scripts non-interactively and has no nested prompt.");

        public override void ExitNestedPrompt() =>
            throw new NotSupportedException("argilps-host runs scripts non-interactively and has no nested prompt.");

        public override void NotifyBeginApplication()
        {
            // Native commands write straight to the inherited console; nothing to save or restore.
        }

        public override void NotifyEndApplication()
        {
            // See NotifyBeginApplication.
        }
    }
}
