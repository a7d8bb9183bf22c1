using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Cli.Gpg;

/// <summary>
/// <c>vaultgpg gpg ARGS</c>: behaves like <c>gpg</c> for the signing calls of rpmsign, git and apt tools, with the
/// key in Vault. Errors exit 2 with a message on stderr and leave no output file, as gpg does.
/// </summary>
internal sealed class GpgCommand(CliContext context)
{
    public static string VersionText => "vaultgpg " + ThisAssembly.InformationalVersion + " (gpg-compatible signing through Vault)";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        CommandErrors.RunAsync(context.Console.Error, async () =>
        {
            var invocation = GpgArgumentParser.Parse(arguments);
            switch (invocation.Action)
            {
                case GpgAction.Version:
                    await context.Console.Out.WriteLineAsync(VersionText).ConfigureAwait(false);
                    return ExitCodes.Success;
                case GpgAction.PassToRealGpg:
                    return PassToRealGpg(arguments);
                default:
                    await SignAsync(invocation, cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Success;
            }
        });

    private int PassToRealGpg(IReadOnlyList<string> arguments)
    {
        var gpg = RealGpg.Find(context.Environment)
            ?? throw new UsageException("verification and key listing are done by the real gpg, which was not found (install gnupg or set VAULT_GPG_REAL_GPG)");
        return RealGpg.Exec(gpg, arguments, context.Console.Error);
    }

    private async Task SignAsync(GpgInvocation invocation, CancellationToken cancellationToken)
    {
        var client = context.ConnectMount();
        var keySpec = invocation.LocalUser ?? VaultSettings.FromEnvironment(context.Environment).DefaultKey
            ?? throw new UsageException("no signing key: pass -u KEY (--local-user) or set VAULT_GPG_KEY");
        var input = invocation.Files.Count == 1 && invocation.Files[0] != "-" ? invocation.Files[0] : null;
        var output = OutputPath(invocation, input);
        if (output is not null && !invocation.Yes && OutputFile.IsExistingRegularFile(output))
        {
            throw new UsageException($"output file \"{output}\" exists; pass --yes to overwrite");
        }

        var hash = invocation.Digest ?? DigestNames.Default;
        var clear = invocation.Action == GpgAction.ClearSign;
        var request = await BuildRequestAsync(invocation, input, hash, clear, cancellationToken).ConfigureAwait(false);
        var resolver = new KeyResolver(client);
        var result = await resolver.WithKeyAsync(keySpec, name => client.SignAsync(name, request, cancellationToken), cancellationToken).ConfigureAwait(false);

        byte[] packet;
        byte[] produced;
        if (clear)
        {
            var signed = result.SignedMessage ?? throw new VaultException("Vault returned no signed_message for a clearsign request");
            produced = Encoding.UTF8.GetBytes(signed);
            var block = signed.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal);
            packet = block >= 0
                ? Armor.Decode(signed[block..])
                : throw new VaultException("Vault's signed_message has no signature block");
        }
        else
        {
            packet = Convert.FromBase64String(result.Signature ?? throw new VaultException("Vault returned no signature"));
            produced = invocation.Armor ? Encoding.ASCII.GetBytes(Armor.Encode(packet, ArmorKind.Signature)) : packet;
        }

        await OutputWriter.WriteAsync(context.Console, output ?? "-", produced, cancellationToken).ConfigureAwait(false);

        // Vault answers lower-case hex, as the Go plugin does; gpg's status lines carry upper case.
        WriteStatus(invocation.StatusFd, clear, packet, (result.Fingerprint ?? "").ToUpperInvariant());
    }

    /// <summary>Null means stdout: "-o -", or no -o with input from stdin. A named input gets gpg's FILE.sig/FILE.asc.</summary>
    private static string? OutputPath(GpgInvocation invocation, string? input) => invocation.Output switch
    {
        "-" => null,
        { } named => named,
        null when input is null => null,
        null => input + (invocation.Armor || invocation.Action == GpgAction.ClearSign ? ".asc" : ".sig"),
    };

    private async Task<SignRequest> BuildRequestAsync(GpgInvocation invocation, string? input, HashAlgorithm hash, bool clear, CancellationToken cancellationToken)
    {
        var request = new SignRequest
        {
            Algorithm = DigestNames.ToVault(hash),
            Format = "base64",
            Mode = clear ? "clearsign" : null,
            Text = invocation.TextMode && !clear ? true : null,
        };

        // Big binary inputs (an ISO signed with gpg -b) are hashed here; Vault only needs the hash state.
        if (input is not null && !clear && !invocation.TextMode && new FileInfo(input).Length > InputPreparation.DefaultHashThreshold)
        {
            var stream = File.OpenRead(input);
            await using (stream.ConfigureAwait(false))
            {
                return request with { HashState = await InputPreparation.HashStateAsync(stream, hash, cancellationToken).ConfigureAwait(false) };
            }
        }

        var source = input is null ? context.Console.OpenStandardInput() : File.OpenRead(input);
        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return request with { Input = Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length) };
        }
    }

    /// <summary>What gpg prints for git: KEY_CONSIDERED, BEGIN_SIGNING, then SIG_CREATED type pk-algo hash-algo class time fpr.</summary>
    private void WriteStatus(int? fd, bool clear, byte[] packet, string fingerprint)
    {
        if (fd is null)
        {
            return;
        }

        SignaturePacketFacts facts;
        try
        {
            facts = SignaturePacketFacts.Parse(packet);
        }
        catch (FormatException e)
        {
            throw new VaultException($"the signature from Vault cannot be described on --status-fd: {e.Message}", e);
        }

        using var status = StatusWriter.Open(fd, context.Console);
        var hashId = facts.HashAlgorithm.ToString(System.Globalization.CultureInfo.InvariantCulture);
        status.Write("KEY_CONSIDERED", fingerprint, "0");
        status.Write("BEGIN_SIGNING", "H" + hashId);
        status.Write(
            "SIG_CREATED",
            clear ? "C" : "D",
            facts.PublicKeyAlgorithm.ToString(System.Globalization.CultureInfo.InvariantCulture),
            hashId,
            facts.SignatureClass.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
            facts.CreatedUnixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            fingerprint);
    }
}
