using System;
using System.Runtime.InteropServices;

namespace ArgilPS.Host
{
    /// <summary>
    /// Colours and the progress line are written as ANSI escape sequences. Unix terminals understand
    /// them natively; a Windows console only does once virtual-terminal processing is switched on.
    /// </summary>
    internal static class VirtualTerminal
    {
        private const int StdOutputHandle = -11;
        private const uint EnableVirtualTerminalProcessing = 0x0004;

        /// <summary>Returns true when stdout will interpret escape sequences.</summary>
        internal static bool TryEnable()
        {
            if (!OperatingSystem.IsWindows())
            {
                return true;
            }

            IntPtr handle = GetStdHandle(StdOutputHandle);
            if (!GetConsoleMode(handle, out uint mode))
            {
                return false;
            }

            return (mode & EnableVirtualTerminalProcessing) != 0
                || SetConsoleMode(handle, mode | EnableVirtualTerminalProcessing);
        }

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern IntPtr GetStdHandle(int handle);

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern bool GetConsoleMode(IntPtr handle, out uint mode);

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern bool SetConsoleMode(IntPtr handle, uint mode);
    }
}
