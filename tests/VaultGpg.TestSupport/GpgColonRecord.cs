namespace VaultGpg.TestSupport;

/// <summary>
/// One line of <c>gpg --with-colons</c> output (see GnuPG's doc/DETAILS). Field numbers in the helpers are the
/// 1-based numbers DETAILS uses.
/// </summary>
public sealed record GpgColonRecord(IReadOnlyList<string> Fields)
{
    /// <summary>Record type: pub, sec, sub, ssb, fpr, uid, …</summary>
    public string Type => Field(1);

    /// <summary>Validity (field 2): e.g. 'u' ultimate, 'e' expired, 'r' revoked, '-' unknown.</summary>
    public string Validity => Field(2);

    public string KeyLength => Field(3);

    public string Algorithm => Field(4);

    public string KeyId => Field(5);

    public string Created => Field(6);

    public string Expires => Field(7);

    /// <summary>For uid records, the user ID (field 10); for fpr records, the fingerprint.</summary>
    public string UserIdOrFingerprint => Field(10);

    /// <summary>Key capabilities (field 12), lower case for the key itself, upper case for the whole key.</summary>
    public string Capabilities => Field(12);

    /// <summary>For sec/ssb records, the serial/flags field 15: '+' secret present, '#' stub.</summary>
    public string Token => Field(15);

    /// <summary>ECC curve name (field 17).</summary>
    public string Curve => Field(17);

    public string Field(int number) => number >= 1 && number <= Fields.Count ? Fields[number - 1] : string.Empty;

    public static IReadOnlyList<GpgColonRecord> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new GpgColonRecord(line.TrimEnd('\r').Split(':')))
            .ToList();
    }

    public override string ToString() => string.Join(':', Fields);
}
