using System;
using System.Management.Automation.Host;

namespace ArgilPS.Host
{
    /// <summary>
    /// Window and key access. Sizes come from the console when stdout is a terminal and are a fixed
    /// 120 columns otherwise, so formatted tables are wide and stable in logs and tests.
    /// Screen-buffer editing is not something scripts run by this host need, so it is refused.
    /// </summary>
    internal sealed class ArgilHostRawUserInterface : PSHostRawUserInterface
    {
        private readonly HostConsole _console;

        internal ArgilHostRawUserInterface(HostConsole console)
        {
            _console = console;
        }

        // Nominal colours: only used to tell whether Write-Host asked for a different colour.
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Coordinates CursorPosition { get; set; }

        public override Coordinates WindowPosition { get; set; }

        public override int CursorSize { get; set; } = 25;

        public override Size BufferSize
        {
            get => new Size(_console.Width, Math.Max(_console.Height, 3000));
            set => throw new NotSupportedException("argilps-host does not support resizing the console buffer.");
        }

        public override Size WindowSize
        {
            get => new Size(_console.Width, _console.Height);
            set => throw new NotSupportedException("argilps-host does not support resizing the console window.");
        }

        public override Size MaxWindowSize => WindowSize;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override bool KeyAvailable => _console.IsInputInteractive && _console.UsesSystemConsole && Console.KeyAvailable;

        public override string WindowTitle { get; set; } = "argilps-host";

        public override KeyInfo ReadKey(ReadKeyOptions options)
        {
            if (!_console.IsInputInteractive || !_console.UsesSystemConsole)
            {
                throw HostInput.NotInteractive();
            }

            bool echo = (options & ReadKeyOptions.NoEcho) == 0;
            ConsoleKeyInfo key = Console.ReadKey(intercept: !echo);
            return new KeyInfo((int)key.Key, key.KeyChar, ToControlKeyStates(key.Modifiers), keyDown: true);
        }

        public override void FlushInputBuffer()
        {
            // Nothing is buffered by this host; keys are read straight from the console.
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
            throw new NotSupportedException("argilps-host does not support reading the console buffer.");

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
            throw new NotSupportedException("argilps-host does not support writing the console buffer.");

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
            throw new NotSupportedException("argilps-host does not support writing the console buffer.");

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
            throw new NotSupportedException("argilps-host does not support scrolling the console buffer.");

        private static ControlKeyStates ToControlKeyStates(ConsoleModifiers modifiers)
        {
            ControlKeyStates states = 0;
            if ((modifiers & ConsoleModifiers.Shift) != 0)
            {
                states |= ControlKeyStates.ShiftPressed;
            }

            if ((modifiers & ConsoleModifiers.Control) != 0)
            {
                states |= ControlKeyStates.LeftCtrlPressed;
            }

            if ((modifiers & ConsoleModifiers.Alt) != 0)
            {
                states |= ControlKeyStates.LeftAltPressed;
            }

            return states;
        }
    }
}
