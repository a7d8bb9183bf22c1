using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

public sealed class RoutingTests
{
    private static readonly FieldSchema<string> Name = Field.NameString("name", "Name of the key.");

    [Fact]
    public async Task HandleRequest_TwoPatternsMatch_FirstDeclaredWins()
    {
        // Arrange
        var backend = TestBackend.Create(
            new PathDefinition("keys/rotate") { Operations = { [Operation.Update] = new(Handlers.Named("rotate")) } },
            new PathDefinition("keys/" + PathPatterns.Name(Name)) { Fields = [Name], Operations = { [Operation.Update] = new(Handlers.Named("keys")) } });

        // Act
        var response = await backend.SendAsync(Operation.Update, "keys/rotate");

        // Assert
        Assert.Equal("rotate", (string?)response?.Data?["handled"]);
    }

    [Fact]
    public async Task HandleRequest_UnknownPath_ThrowsUnsupportedPath()
    {
        var backend = TestBackend.Create(new PathDefinition("keys") { Operations = { [Operation.Read] = new(Handlers.Nothing) } });

        var error = await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedPath, () => backend.SendAsync(Operation.Read, "nope"));

        Assert.Same(LogicalError.UnsupportedPath, error);
    }

    [Fact]
    public async Task HandleRequest_UndeclaredOperation_ThrowsUnsupportedOperation()
    {
        var backend = TestBackend.Create(new PathDefinition("keys") { Operations = { [Operation.Read] = new(Handlers.Nothing) } });

        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedOperation, () => backend.SendAsync(Operation.Delete, "keys"));
    }

    [Theory]
    [InlineData("keys/a/b")]
    [InlineData("xkeys/a")]
    [InlineData("keys/a\n")]
    [InlineData("keys/-a")]
    [InlineData("keys/")]
    public async Task HandleRequest_PathOnlyPartlyMatching_ThrowsUnsupportedPath(string path)
    {
        var backend = TestBackend.Create(
            new PathDefinition("keys/" + PathPatterns.Name(Name)) { Fields = [Name], Operations = { [Operation.Read] = new(Handlers.Nothing) } });

        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedPath, () => backend.SendAsync(Operation.Read, path));
    }

    [Fact]
    public async Task HandleRequest_TopLevelAlternation_IsAnchoredAsAWhole()
    {
        var backend = TestBackend.Create(new PathDefinition("alpha|beta") { Operations = { [Operation.Read] = new(Handlers.Named("ab")) } });

        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedPath, () => backend.SendAsync(Operation.Read, "alphabet"));
        Assert.NotNull(await backend.SendAsync(Operation.Read, "beta"));
    }

    [Fact]
    public async Task HandleRequest_UrlCaptureAndBodyField_CaptureWinsWithWarning()
    {
        // Arrange
        var capture = new FieldCapture();
        var backend = TestBackend.Create(
            new PathDefinition("keys/" + PathPatterns.Name(Name)) { Fields = [Name], Operations = { [Operation.Update] = new(Handlers.Named("keys")) } },
            new PathDefinition("raw/" + PathPatterns.Name(Name)) { Fields = [Name], Operations = { [Operation.Update] = new(capture.HandleAsync) } });

        // Act
        var response = await backend.SendAsync(Operation.Update, "keys/from-url", """{"name":"from-body"}""");
        await backend.SendAsync(Operation.Update, "raw/from-url", """{"name":"from-body"}""");

        // Assert
        Assert.Equal("from-url", capture.Received.Get(Name));
        Assert.Contains(response!.Warnings, w => w.Contains("captured from the endpoint's path: [name]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleRequest_UndeclaredParameter_WarnsItWasIgnored()
    {
        var backend = TestBackend.Create(new PathDefinition("keys") { Operations = { [Operation.Update] = new(Handlers.Named("keys")) } });

        var response = await backend.SendAsync(Operation.Update, "keys", """{"zeta":1,"alpha":2}""");

        Assert.Equal(["Endpoint ignored these unrecognized parameters: [alpha zeta]"], response!.Warnings);
    }

    [Fact]
    public async Task HandleRequest_PathTakingArbitraryInput_DoesNotWarn()
    {
        var backend = TestBackend.Create(
            new PathDefinition("kv") { TakesArbitraryInput = true, Operations = { [Operation.Update] = new(Handlers.Named("kv")) } });

        var response = await backend.SendAsync(Operation.Update, "kv", """{"anything":1}""");

        Assert.Empty(response!.Warnings);
    }

    [Fact]
    public async Task HandleRequest_GoStyleNamedGroup_CapturesLikeDotNetSyntax()
    {
        var capture = new FieldCapture();
        var backend = TestBackend.Create(
            new PathDefinition("keys/(?P<name>[a-z]+)") { Fields = [Name], Operations = { [Operation.Read] = new(capture.HandleAsync) } });

        await backend.SendAsync(Operation.Read, "keys/abc");

        Assert.Equal("abc", capture.Received.Get(Name));
    }

    [Fact]
    public async Task HandleRequest_OptionalSegmentAbsent_FieldCountsAsNotSent()
    {
        // Arrange
        var algorithm = Field.String("urlalgorithm", "Hash algorithm in the URL.");
        var capture = new FieldCapture();
        var backend = TestBackend.Create(
            new PathDefinition("sign/" + PathPatterns.Name(Name) + PathPatterns.Optional(algorithm))
            {
                Fields = [Name, algorithm],
                Operations = { [Operation.Update] = new(capture.HandleAsync) },
            });

        // Act
        await backend.SendAsync(Operation.Update, "sign/k");
        var withoutSegment = capture.Received.TryGet(algorithm, out _);
        await backend.SendAsync(Operation.Update, "sign/k/sha2-512");

        // Assert
        Assert.False(withoutSegment);
        Assert.True(capture.Received.TryGet(algorithm, out var sent));
        Assert.Equal("sha2-512", sent);
    }

    [Fact]
    public async Task HandleRequest_HandlerThrows_ExceptionPropagatesUnchanged()
    {
        var boom = new InvalidOperationException("boom");
        var backend = TestBackend.Create(
            new PathDefinition("boom") { Operations = { [Operation.Read] = new((_, _, _) => throw boom) } });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => backend.SendAsync(Operation.Read, "boom"));

        Assert.Same(boom, thrown);
    }

    [Fact]
    public void Route_KnownAndUnknownPaths_ReturnsDefinitionOrNull()
    {
        var keys = new PathDefinition("keys/" + PathPatterns.Name(Name)) { Fields = [Name], Operations = { [Operation.Read] = new(Handlers.Nothing) } };
        var backend = TestBackend.Create(keys);

        Assert.Same(keys, backend.Backend.Route("keys/a"));
        Assert.Null(backend.Backend.Route("other"));
    }

    [Fact]
    public void Constructor_CaptureWithoutField_Throws()
    {
        var definition = new PathDefinition("keys/" + PathPatterns.Name(Name)) { Operations = { [Operation.Read] = new(Handlers.Nothing) } };

        var error = Assert.Throws<ArgumentException>(() => TestBackend.Create(definition));

        Assert.Contains("captures \"name\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CreateWithoutExistenceCheck_Throws()
    {
        var definition = new PathDefinition("keys") { Operations = { [Operation.Create] = new(Handlers.Nothing) } };

        var error = Assert.Throws<ArgumentException>(() => TestBackend.Create(definition));

        Assert.Contains("no existence check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExistenceCheckWithoutCreate_Throws()
    {
        var definition = new PathDefinition("keys")
        {
            ExistenceCheck = (_, _, _) => Task.FromResult(true),
            Operations = { [Operation.Update] = new(Handlers.Nothing) },
        };

        var error = Assert.Throws<ArgumentException>(() => TestBackend.Create(definition));

        Assert.Contains("no create operation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FieldDeclaredTwice_Throws()
    {
        var definition = new PathDefinition("keys") { Fields = [Name, Name] };

        var error = Assert.Throws<ArgumentException>(() => TestBackend.Create(definition));

        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidRegularExpression_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TestBackend.Create(new PathDefinition("keys/(")));

        Assert.Contains("not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleRequest_DefinitionChangedAfterConstruction_RoutingKeepsSnapshot()
    {
        var definition = new PathDefinition("keys") { Operations = { [Operation.Read] = new(Handlers.Nothing) } };
        var backend = TestBackend.Create(definition);

        definition.Operations[Operation.Delete] = new(Handlers.Nothing);

        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedOperation, () => backend.SendAsync(Operation.Delete, "keys"));
    }
}
