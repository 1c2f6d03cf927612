using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ArgilPS.Packager
{
    /// <summary>
    /// The folders the packager itself created, so that it removes those and nothing else: the scratch
    /// folder it makes for each run (removed with its content), and any missing parent of --work or
    /// --out it had to create (removed only when empty). A folder that was already there is never deleted.
    /// </summary>
    internal sealed class OwnedFolders
    {
        private readonly List<string> _created = new(); // outermost first

        /// <summary>Creates <paramref name="folder"/> and its missing parents, remembering which were missing.</summary>
        public void Create(string folder)
        {
            var missing = new Stack<string>();
            for (string? f = Path.GetFullPath(folder); f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f)) missing.Push(f);
            _created.AddRange(missing);
            Directory.CreateDirectory(folder);
        }

        /// <summary>
        /// A new, uniquely named folder for this run: argilps-packager-&lt;random&gt; inside
        /// <paramref name="parent"/>, or in the system temp folder when it is null.
        /// </summary>
        public string CreateScratch(string? parent)
        {
            if (parent is null) return Directory.CreateTempSubdirectory("argilps-packager-").FullName;

            Create(parent);
            for (int attempt = 0; ; attempt++)
            {
                string scratch = Path.Combine(parent, "argilps-packager-" + Guid.NewGuid().ToString("N").Substring(0, 12));
                if (Directory.Exists(scratch) || File.Exists(scratch))
                {
                    if (attempt < 10) continue;
                    throw new IOException($"Could not find an unused folder name in '{parent}'.");
                }

                Directory.CreateDirectory(scratch);
                return scratch;
            }
        }

        /// <summary>Removes the created parents that are empty, innermost first; never a folder that holds anything.</summary>
        public void RemoveEmpty()
        {
            for (int i = _created.Count - 1; i >= 0; i--)
            {
                try
                {
                    if (Directory.Exists(_created[i]) && !Directory.EnumerateFileSystemEntries(_created[i]).Any()) Directory.Delete(_created[i]);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        /// <summary>Deletes a scratch folder made by <see cref="CreateScratch"/>; a failure to delete it is reported, not fatal.</summary>
        public static void DeleteScratch(string scratch, TextWriter log)
        {
            try
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.WriteLine($"Could not remove the scratch folder '{scratch}': {e.Message}");
            }
        }
    }
}
