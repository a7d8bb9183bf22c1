namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>The published plugin executable: what users register with Vault is what these tests run.</summary>
internal static class PublishedPlugin
{
    public const string FileName = "vault-plugin-secrets-gpg";

    /// <summary>artifacts/bin/vault-plugin-secrets-gpg; fails with instructions when it has not been published.</summary>
    public static string Path
    {
        get
        {
            var root = RepositoryRoot();
            var path = System.IO.Path.Combine(root, "artifacts", "bin", FileName);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The published plugin {path} is missing. Publish it first: build/publish.sh, or "
                    + "dotnet publish src/VaultGpg.Plugin -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o artifacts/bin");
            }

            return path;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "VaultGpg.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (VaultGpg.sln) above " + AppContext.BaseDirectory);
    }
}
