namespace Eventure.Internal;

/// <summary>One value of an event data whose shape is not inline: the number's bits or the reference.</summary>
internal readonly struct DataSlot
{
    public DataSlot(long bits, object? reference)
    {
        Bits = bits;
        Reference = reference;
    }

    public long Bits { get; }

    public object? Reference { get; }
}
