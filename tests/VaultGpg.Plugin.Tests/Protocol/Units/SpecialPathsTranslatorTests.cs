using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class SpecialPathsTranslatorTests
{
    [Fact]
    public void ToProto_AllLists_KeepTheirWireFields()
    {
        var paths = SpecialPathsTranslator.ToProto(new SpecialPaths
        {
            Root = ["config/*"],
            Unauthenticated = ["public/+"],
            LocalStorage = ["local/"],
            SealWrapStorage = ["key/"],
            WriteForwardedStorage = ["wf/"],
            Binary = ["bin"],
            Limited = ["lim"],
            AllowSnapshotRead = ["snap"],
        });

        Assert.Equal(["config/*"], paths.Root);
        Assert.Equal(["public/+"], paths.Unauthenticated);
        Assert.Equal(["local/"], paths.LocalStorage);
        Assert.Equal(["key/"], paths.SealWrapStorage);
        Assert.Equal(["wf/"], paths.WriteForwardedStorage);
        Assert.Equal(["bin"], paths.Binary);
        Assert.Equal(["lim"], paths.Limited);
        Assert.Equal(["snap"], paths.AllowSnapshotRead);
    }
}
