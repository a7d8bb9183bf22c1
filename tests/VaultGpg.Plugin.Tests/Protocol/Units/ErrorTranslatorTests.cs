using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class ErrorTranslatorTests
{
    [Theory]
    [InlineData(ErrorType.Unknown, 0u)]
    [InlineData(ErrorType.User, 1u)]
    [InlineData(ErrorType.BadRequest, 4u)]
    [InlineData(ErrorType.UnsupportedOperation, 5u)]
    [InlineData(ErrorType.UnsupportedPath, 6u)]
    [InlineData(ErrorType.InvalidRequest, 7u)]
    [InlineData(ErrorType.PermissionDenied, 8u)]
    [InlineData(ErrorType.Unrecoverable, 10u)]
    public void ToProto_ErrorType_UsesVaultNumbering(ErrorType type, uint wire)
    {
        var proto = ErrorTranslator.ToProto(new LogicalError(type, "m"));

        Assert.Equal(wire, proto.ErrType);
        Assert.Equal("m", proto.ErrMsg);
        Assert.Equal(0, proto.ErrCode);
    }

    [Fact]
    public void ToProto_Coded_CarriesTheHttpStatus()
    {
        var proto = ErrorTranslator.ToProto(new LogicalError(ErrorType.Coded, "teapot", 418));

        Assert.Equal(3u, proto.ErrType);
        Assert.Equal(418, proto.ErrCode);
    }

    [Fact]
    public void FromExpectedException_LogicalException_IsItsError()
    {
        var proto = ErrorTranslator.FromExpectedException(new LogicalException(LogicalError.UnsupportedPath));

        Assert.Equal(6u, proto!.ErrType);
    }

    [Fact]
    public void FromExpectedException_ReadOnlyStorage_IsType0WithVaultsExactText()
    {
        var proto = ErrorTranslator.FromExpectedException(
            new StorageException("put failed: cannot write to readonly storage"));

        Assert.Equal(0u, proto!.ErrType);
        Assert.Equal("cannot write to readonly storage", proto.ErrMsg);
    }

    [Fact]
    public void FromExpectedException_OtherStorageFailure_IsUnexpected() =>
        Assert.Null(ErrorTranslator.FromExpectedException(new StorageException("disk on fire")));

    [Fact]
    public void Internal_SaysNothingAboutTheCause()
    {
        var proto = ErrorTranslator.Internal();

        Assert.Equal(2u, proto.ErrType);
        Assert.Equal("internal error", proto.ErrMsg);
    }
}
