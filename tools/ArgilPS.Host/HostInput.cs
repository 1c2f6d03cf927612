using System.Management.Automation;
using System.Security;

namespace ArgilPS.Host
{
    /// <summary>
    /// Line input from the console. Without a person at the keyboard a prompt would either hang
    /// or silently read garbage from a pipe, so reading fails with an explanation instead.
    /// </summary>
    internal static class HostInput
    {
        internal static string ReadLine(HostConsole console)
        {
            EnsureInteractive(console);
            return console.Input.ReadLine() ?? throw EndOfInput();
        }

        internal static SecureString ReadSecureLine(HostConsole console)
        {
            EnsureInteractive(console);
            string secret = console.ReadSecretLine() ?? throw EndOfInput();
            var secure = new SecureString();
            foreach (char c in secret)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        internal static PSInvalidOperationException NotInteractive() =>
            new PSInvalidOperationException(
                "argilps-host cannot prompt for input because standard input is not an interactive console. "
                + "Pass the values as parameters instead.");

        private static PSInvalidOperationException EndOfInput() =>
            new PSInvalidOperationException("argilps-host cannot read input: standard input was closed.");

        /// <summary>Checked before a prompt writes anything, so a failing prompt leaves no half-printed form.</summary>
        internal static void EnsureInteractive(HostConsole console)
        {
            if (!console.IsInputInteractive)
            {
                throw NotInteractive();
            }
        }
    }
}
