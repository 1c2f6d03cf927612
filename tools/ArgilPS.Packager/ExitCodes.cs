namespace ArgilPS.Packager
{
    public static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>dotnet pack failed or left no package, or a folder or the package could not be written.</summary>
        public const int PackFailed = 1;

        public const int Usage = 2;

        /// <summary>The module folder, or its manifest, does not exist.</summary>
        public const int ModuleNotFound = 3;

        /// <summary>Test-ModuleManifest (or the packager's own checks) rejected the manifest.</summary>
        public const int InvalidManifest = 4;
    }
}
