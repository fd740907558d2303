namespace Eventure.Internal;

/// <summary>
/// The kind of one event data value. Booleans and null carry their whole value in the kind, so they need no
/// storage; numbers keep their 64 bits inline; strings, maps and lists are references.
/// </summary>
internal enum DataKind : byte
{
    Null,
    False,
    True,
    Int64,
    Double,
    String,
    Map,
    List,
}

/// <summary>Where a kind keeps its value.</summary>
internal static class DataKinds
{
    /// <summary>Not a kind: what <see cref="DataShape.KindOrNone"/> answers for a missing key.</summary>
    public const DataKind None = (DataKind)0xFF;

    /// <summary>Whether the value lives in the 64 inline bits (integers, doubles).</summary>
    public static bool IsNumber(this DataKind kind) => kind is DataKind.Int64 or DataKind.Double;

    /// <summary>Whether the value is a reference (strings, maps, lists).</summary>
    public static bool IsReference(this DataKind kind) => kind >= DataKind.String;

    /// <summary>A short English name for messages (<c>an integer</c>, <c>a string</c>, ...).</summary>
    public static string Describe(this DataKind kind) => kind switch
    {
        DataKind.Null => "null",
        DataKind.False or DataKind.True => "a boolean",
        DataKind.Int64 => "an integer",
        DataKind.Double => "a float",
        DataKind.String => "a string",
        DataKind.Map => "a map",
        DataKind.List => "a list",
        _ => "missing",
    };
}
