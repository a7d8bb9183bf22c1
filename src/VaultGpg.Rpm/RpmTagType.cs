namespace VaultGpg.Rpm;

/// <summary>Header entry data types (rpm's rpmTagType, 0..9).</summary>
#pragma warning disable CA1720 // rpm's own names for its types.
public enum RpmTagType
{
    Null = 0,
    Char = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    String = 6,
    Bin = 7,
    StringArray = 8,
    I18nString = 9,
}
#pragma warning restore CA1720
