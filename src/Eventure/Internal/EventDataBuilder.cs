using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// Gathers the entries of one payload (on the stack for up to <see cref="InlineCapacity"/> keys) and builds
/// the compact <see cref="EventData"/>: the shape from <see cref="DataShapes"/>, the values inline or in slots.
/// </summary>
internal ref struct EventDataBuilder
{
    public const int InlineCapacity = 8;

    private KeyBuffer _inlineKeys;
    private KindBuffer _inlineKinds;
    private BitsBuffer _inlineBits;
    private ReferenceBuffer _inlineReferences;
    private string[]? _keys;
    private DataKind[]? _kinds;
    private long[]? _bits;
    private object?[]? _references;
    private int _count;

    public readonly int Count => _count;

    public void Add(string key, TypedValue value) => Add(key, value.Kind, value.Bits, value.Reference);

    public void Add(string key, DataKind kind, long bits, object? reference)
    {
        if (_count == InlineCapacity || (_keys is not null && _count == _keys.Length))
        {
            Grow();
        }

        var at = _count++;
        Keys[at] = key;
        Kinds[at] = kind;
        Bits[at] = bits;
        References[at] = reference;
    }

    /// <summary>Builds the payload; with <paramref name="mayRepeatKeys"/>, a repeated key keeps its first position and its last value.</summary>
    public EventData Build(bool mayRepeatKeys)
    {
        if (_count == 0)
        {
            return EventData.Empty;
        }

        if (mayRepeatKeys)
        {
            RemoveRepeatedKeys();
        }

        var keys = Keys[.._count];
        var kinds = Kinds[.._count];
        var shape = DataShapes.Get(keys, kinds);
        if (shape.IsInline)
        {
            long bits = 0;
            object? reference = null;
            for (var i = 0; i < _count; i++)
            {
                if (kinds[i].IsNumber())
                {
                    bits = Bits[i];
                }
                else if (kinds[i].IsReference())
                {
                    reference = References[i];
                }
            }

            return new EventData(shape, bits, reference);
        }

        var slots = new DataSlot[_count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new DataSlot(Bits[i], References[i]);
        }

        return new EventData(shape, 0, slots);
    }

    [UnscopedRef]
    private Span<string> Keys => _keys ?? (Span<string>)_inlineKeys;

    [UnscopedRef]
    private Span<DataKind> Kinds => _kinds ?? (Span<DataKind>)_inlineKinds;

    [UnscopedRef]
    private Span<long> Bits => _bits ?? (Span<long>)_inlineBits;

    [UnscopedRef]
    private Span<object?> References => _references ?? (Span<object?>)_inlineReferences;

    private void Grow()
    {
        var size = _count * 2;
        var keys = new string[size];
        var kinds = new DataKind[size];
        var bits = new long[size];
        var references = new object?[size];
        Keys[.._count].CopyTo(keys);
        Kinds[.._count].CopyTo(kinds);
        Bits[.._count].CopyTo(bits);
        References[.._count].CopyTo(references);
        (_keys, _kinds, _bits, _references) = (keys, kinds, bits, references);
    }

    /// <summary>JSON object semantics: a later duplicate replaces the earlier value in place.</summary>
    private void RemoveRepeatedKeys()
    {
        var keys = Keys;
        var write = 1;
        Dictionary<string, int>? seen = null;
        for (var read = 1; read < _count; read++)
        {
            var earlier = -1;
            if (_count <= 8)
            {
                for (var j = 0; j < write; j++)
                {
                    if (string.Equals(keys[j], keys[read], StringComparison.Ordinal))
                    {
                        earlier = j;
                        break;
                    }
                }
            }
            else
            {
                seen ??= FirstPositions(keys[..1]);
                if (!seen.TryAdd(keys[read], write))
                {
                    earlier = seen[keys[read]];
                }
            }

            var to = earlier >= 0 ? earlier : write++;
            keys[to] = keys[read];
            Kinds[to] = Kinds[read];
            Bits[to] = Bits[read];
            References[to] = References[read];
        }

        _count = write;
    }

    private static Dictionary<string, int> FirstPositions(ReadOnlySpan<string> keys)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            positions.TryAdd(keys[i], i);
        }

        return positions;
    }

    [InlineArray(InlineCapacity)]
    private struct KeyBuffer
    {
        private string _first;
    }

    [InlineArray(InlineCapacity)]
    private struct KindBuffer
    {
        private DataKind _first;
    }

    [InlineArray(InlineCapacity)]
    private struct BitsBuffer
    {
        private long _first;
    }

    [InlineArray(InlineCapacity)]
    private struct ReferenceBuffer
    {
        private object? _first;
    }
}
