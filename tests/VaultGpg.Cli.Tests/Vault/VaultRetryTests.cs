using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;

namespace VaultGpg.Cli.Tests.Vault;

/// <summary>Transient failures retried as the vault CLI does (api/client.go): which statuses, how often, how long.</summary>
public sealed class VaultRetryTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task TransientStatus_FailsTwiceThenAnswers_SucceedsOnThirdAttemptAfterLinearJitterWaits(HttpStatusCode status)
    {
        // Arrange: a Vault that fails twice, then answers.
        var cli = new TestCli();
        var calls = 0;
        cli.Vault.Respond = _ => Interlocked.Increment(ref calls) <= 2
            ? FakeVault.Error(status, "busy")
            : FakeVault.Data(new JsonObject { ["name"] = "release", ["public_key"] = "KEY\n" });

        // Act
        var exit = await cli.RunAsync("export-public", "--key", "release");

        // Assert: 3 attempts; the waits are n x [1000, 1500] ms.
        Assert.Equal(0, exit);
        Assert.Equal("KEY\n", TestCli.Utf8String(cli.Stdout));
        Assert.Equal(3, cli.Vault.Requests.Count);
        Assert.Equal(2, cli.RetryDelays.Count);
        Assert.InRange(cli.RetryDelays[0].TotalMilliseconds, 1000, 1500);
        Assert.InRange(cli.RetryDelays[1].TotalMilliseconds, 2000, 3000);
    }

    [Fact]
    public async Task SignRequest_FailsOnceWith503_SameBodySentAgainAndSignatureWritten()
    {
        var cli = new TestCli { Stdin = TestCli.Utf8("header") };
        var calls = 0;
        cli.Vault.Respond = _ => Interlocked.Increment(ref calls) == 1
            ? FakeVault.Error(HttpStatusCode.ServiceUnavailable, "standby")
            : FakeVault.Data(new JsonObject { ["signature"] = FakeSignature.Base64(), ["fingerprint"] = FakeKeys.Fingerprint });

        var exit = await cli.RunAsync("gpg", "--digest-algo", "SHA256", "-u", "release", "-sbo", "-", "--", "-");

        Assert.Equal(0, exit);
        Assert.Equal(FakeSignature.Packet(), cli.Stdout);
        Assert.Equal(2, cli.Vault.Requests.Count);
        Assert.Equal(cli.Vault.Requests[0].Body!.ToJsonString(), cli.Vault.Requests[1].Body!.ToJsonString());
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData("0", 1)]
    [InlineData("4", 5)]
    public async Task AlwaysFails500_GivesUpAfterOnePlusMaxRetriesNamingStatusAndAttempts(string? maxRetries, int attempts)
    {
        var cli = new TestCli();
        if (maxRetries is not null)
        {
            cli.Environment["VAULT_MAX_RETRIES"] = maxRetries;
        }

        cli.Vault.Respond = _ => FakeVault.Error(HttpStatusCode.InternalServerError, "plugin crashed");

        var exit = await cli.RunAsync("export-public", "--key", "release");

        Assert.Equal(2, exit);
        Assert.Equal(attempts, cli.Vault.Requests.Count);
        Assert.Equal(attempts - 1, cli.RetryDelays.Count);
        Assert.Contains("Vault error 500 (Internal Server Error) on GET /v1/gpg/export-public/release", cli.Error, StringComparison.Ordinal);
        Assert.Contains("plugin crashed", cli.Error, StringComparison.Ordinal);
        Assert.Equal(attempts > 1, cli.Error.Contains($"(after {attempts} attempts)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task NonTransientStatus_NotRetried(HttpStatusCode status)
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Error(status, "no");

        var exit = await cli.RunAsync("export-public", "--key", "release");

        Assert.Equal(2, exit);
        Assert.Single(cli.Vault.Requests);
        Assert.Empty(cli.RetryDelays);
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfter_WaitsWhatVaultAsks()
    {
        var cli = new TestCli();
        var calls = 0;
        cli.Vault.Respond = _ => Interlocked.Increment(ref calls) == 1
            ? FakeVault.Error(HttpStatusCode.TooManyRequests, "rate limited")
            : FakeVault.Data(new JsonObject { ["public_key"] = "KEY\n" });
        cli.Vault.RetryAfter = _ => TimeSpan.FromSeconds(7);

        Assert.Equal(0, await cli.RunAsync("export-public", "--key", "release"));

        Assert.Equal([TimeSpan.FromSeconds(7)], cli.RetryDelays);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("99999999999")]
    public async Task MaxRetriesNotANumber_Exit2NamingTheVariable(string value)
    {
        var cli = new TestCli();
        cli.Environment["VAULT_MAX_RETRIES"] = value;

        Assert.Equal(2, await cli.RunAsync("export-public", "--key", "release"));

        Assert.Contains($"VAULT_MAX_RETRIES \"{value}\"", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Vault.Requests);
    }
}
