using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>SDK SpecialPaths to pb.Paths.</summary>
internal static class SpecialPathsTranslator
{
    public static Paths ToProto(SpecialPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new Paths
        {
            Root = { paths.Root },
            Unauthenticated = { paths.Unauthenticated },
            LocalStorage = { paths.LocalStorage },
            SealWrapStorage = { paths.SealWrapStorage },
            WriteForwardedStorage = { paths.WriteForwardedStorage },
            Binary = { paths.Binary },
            Limited = { paths.Limited },
            AllowSnapshotRead = { paths.AllowSnapshotRead },
        };
    }
}
