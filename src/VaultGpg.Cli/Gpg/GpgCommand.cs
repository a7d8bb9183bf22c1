using System.Globalization;
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
        IReadOnlyList<string> signers = invocation.Signers.Count > 0
            ? invocation.Signers
            : [VaultSettings.FromEnvironment(context.Environment).DefaultKey ?? throw new UsageException("no signing key: pass -u KEY (--local-user) or set VAULT_GPG_KEY")];
        var clear = invocation.Action == GpgAction.ClearSign;
        if (clear && signers.Count > 1)
        {
            throw new UsageException($"--clearsign with several keys ({string.Join(", ", signers)}) is not supported: one cleartext message per key, or --detach-sign for several signatures in one file");
        }

        var input = invocation.Files.Count == 1 && invocation.Files[0] != "-" ? invocation.Files[0] : null;
        var output = OutputPath(invocation, input);
        if (output is not null && !invocation.Yes && OutputFile.IsExistingRegularFile(output))
        {
            throw new UsageException($"output file \"{output}\" exists; pass --yes to overwrite");
        }

        var data = await ReadInputAsync(invocation, input, clear, cancellationToken).ConfigureAwait(false);
        var resolver = new KeyResolver(client);
        var signatures = new List<(byte[] Packet, SignResult Result)>(signers.Count);
        foreach (var signer in signers)
        {
            // gpg signs with each -u key in the order given, each with its own hash unless --digest-algo names one.
            SignResult result;
            try
            {
                result = await SignWithAsync(client, resolver, signer, invocation, data, clear, cancellationToken).ConfigureAwait(false);
            }
            catch (VaultException e)
            {
                // rpmsign shows this line under the package it was signing; name what was being signed and where to.
                throw new VaultException($"signing {input ?? "stdin"} into {output ?? "stdout"} with key \"{signer}\" failed: {e.Message}", e);
            }

            signatures.Add((SignaturePacket(result, clear), result));
        }

        byte[] produced;
        if (clear)
        {
            produced = Encoding.UTF8.GetBytes(signatures[0].Result.SignedMessage!);
        }
        else
        {
            // Several signatures are one stream of packets, armored as one block, as gpg writes them.
            var packets = signatures.SelectMany(s => s.Packet).ToArray();
            produced = invocation.Armor ? Encoding.ASCII.GetBytes(Armor.Encode(packets, ArmorKind.Signature)) : packets;
        }

        await OutputWriter.WriteAsync(context.Console, output ?? "-", produced, cancellationToken).ConfigureAwait(false);

        WriteStatus(invocation.StatusFd, clear, signatures);
    }

    /// <summary>
    /// Signs with one key. Without --digest-algo the key is read first to choose the hash gpg would (ECDSA P-384 needs
    /// SHA-384); a token that may not read the key gets the default and Vault's answer.
    /// </summary>
    private static async Task<SignResult> SignWithAsync(
        GpgMountClient client, KeyResolver resolver, string signer, GpgInvocation invocation, SigningInput data, bool clear, CancellationToken cancellationToken)
    {
        if (invocation.Digest is { } digest)
        {
            var request = await BuildRequestAsync(invocation, data, digest, clear, cancellationToken).ConfigureAwait(false);
            return await resolver.WithKeyAsync(signer, name => client.SignAsync(name, request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var (name, facts) = await resolver.ReadAsync(signer, cancellationToken).ConfigureAwait(false);
        var chosen = await BuildRequestAsync(invocation, data, facts?.GpgDefaultHash() ?? DigestNames.Default, clear, cancellationToken).ConfigureAwait(false);
        return await client.SignAsync(name, chosen, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] SignaturePacket(SignResult result, bool clear)
    {
        if (!clear)
        {
            return Convert.FromBase64String(result.Signature ?? throw new VaultException("Vault returned no signature"));
        }

        var signed = result.SignedMessage ?? throw new VaultException("Vault returned no signed_message for a clearsign request");
        var block = signed.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal);
        return block >= 0
            ? Armor.Decode(signed[block..])
            : throw new VaultException("Vault's signed_message has no signature block");
    }

    /// <summary>Null means stdout: "-o -", or no -o with input from stdin. A named input gets gpg's FILE.sig/FILE.asc.</summary>
    private static string? OutputPath(GpgInvocation invocation, string? input) => invocation.Output switch
    {
        "-" => null,
        { } named => named,
        null when input is null => null,
        null => input + (invocation.Armor || invocation.Action == GpgAction.ClearSign ? ".asc" : ".sig"),
    };

    /// <summary>
    /// The data to sign, read once for all keys: a big binary file stays a path (hashed here per hash algorithm, Vault
    /// only needs the hash state), anything else is read whole. With --passphrase-fd the passphrase line is skipped
    /// first, as gpg does, so with --passphrase-fd 0 only what follows it on stdin is signed.
    /// </summary>
    private async Task<SigningInput> ReadInputAsync(GpgInvocation invocation, string? input, bool clear, CancellationToken cancellationToken)
    {
        var stdin = context.Console.OpenStandardInput();
        await using (stdin.ConfigureAwait(false))
        {
            if (invocation.PassphraseFd is 0)
            {
                await PassphraseLine.SkipAsync(stdin, cancellationToken).ConfigureAwait(false);
            }
            else if (invocation.PassphraseFd is { } fd)
            {
                await PassphraseLine.SkipOnDescriptorAsync(fd, cancellationToken).ConfigureAwait(false);
            }

            if (input is not null && !clear && !invocation.TextMode && new FileInfo(input).Length > InputPreparation.DefaultHashThreshold)
            {
                return new SigningInput(null, input);
            }

            var source = input is null ? stdin : File.OpenRead(input);
            await using (source.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return new SigningInput(buffer.ToArray(), null);
            }
        }
    }

    private static async Task<SignRequest> BuildRequestAsync(GpgInvocation invocation, SigningInput data, HashAlgorithm hash, bool clear, CancellationToken cancellationToken)
    {
        var request = new SignRequest
        {
            Algorithm = DigestNames.ToVault(hash),
            Format = "base64",
            Mode = clear ? "clearsign" : null,
            Text = invocation.TextMode && !clear ? true : null,
        };
        if (data.Bytes is not null)
        {
            return request with { Input = Convert.ToBase64String(data.Bytes) };
        }

        var stream = File.OpenRead(data.BigFile!);
        await using (stream.ConfigureAwait(false))
        {
            return request with { HashState = await InputPreparation.HashStateAsync(stream, hash, cancellationToken).ConfigureAwait(false) };
        }
    }

    /// <summary>
    /// What gpg prints for git, per signature: KEY_CONSIDERED, BEGIN_SIGNING, then SIG_CREATED type pk-algo hash-algo
    /// class time fpr.
    /// </summary>
    private void WriteStatus(int? fd, bool clear, List<(byte[] Packet, SignResult Result)> signatures)
    {
        if (fd is null)
        {
            return;
        }

        var described = new List<(SignatureInfo Facts, string Fingerprint)>(signatures.Count);
        foreach (var (packet, result) in signatures)
        {
            try
            {
                // Vault answers lower-case hex, as the Go plugin does; gpg's status lines carry upper case.
                var read = SignatureReader.ReadDetached(packet);
                described.Add((read.Count == 1 ? read[0] : throw new VaultException($"Vault answered {read.Count} signatures where one was asked for"),
                    (result.Fingerprint ?? "").ToUpperInvariant()));
            }
            catch (OpenPgpException e)
            {
                throw new VaultException($"the signature from Vault cannot be described on --status-fd: {e.Message}", e);
            }
        }

        using var status = StatusWriter.Open(fd, context.Console);
        foreach (var (facts, fingerprint) in described)
        {
            var hashId = facts.HashAlgorithm.ToString(CultureInfo.InvariantCulture);
            status.Write("KEY_CONSIDERED", fingerprint, "0");
            status.Write("BEGIN_SIGNING", "H" + hashId);
            status.Write(
                "SIG_CREATED",
                clear ? "C" : "D",
                facts.PublicKeyAlgorithm.ToString(CultureInfo.InvariantCulture),
                hashId,
                facts.SignatureType.ToString("X2", CultureInfo.InvariantCulture),
                facts.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                fingerprint);
        }
    }
}
