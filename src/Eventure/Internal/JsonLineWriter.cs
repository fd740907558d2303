using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Eventure.Internal;

/// <summary>
/// Writes the seed's JSON lines straight into UTF-8 bytes: the output is pure ASCII (Python's
/// <c>ensure_ascii</c>), so nothing is ever encoded twice. A writer is reused line after line; a save keeps
/// one per block in flight.
/// </summary>
internal sealed class JsonLineWriter
{
    // Characters written as they are; everything else is escaped the way json.dumps escapes it.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private byte[] _buffer;
    private int _length;
    private bool _pooled;

    public JsonLineWriter(int capacity = 256)
    {
        _buffer = new byte[capacity];
    }

    private JsonLineWriter(byte[] buffer)
    {
        _buffer = buffer;
        _pooled = true;
    }

    /// <summary>A writer whose buffer comes from the shared array pool; give it back with <see cref="Return"/>.</summary>
    public static JsonLineWriter Rent(int capacity) => new(ArrayPool<byte>.Shared.Rent(capacity));

    /// <summary>Gives a rented buffer back to the pool; the writer must not be used afterwards.</summary>
    public void Return()
    {
        if (_pooled)
        {
            var buffer = _buffer;
            _buffer = [];
            _length = 0;
            _pooled = false;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    /// <summary>The text written so far (ASCII).</summary>
    public override string ToString() => Encoding.ASCII.GetString(Written);

    /// <summary>Writes one event object (no newline).</summary>
    public void WriteEvent(Event e)
    {
        var type = TypeText.Of(e.Type);

        // The fixed parts of the line, the tick, the timestamp and the type text take at most this much.
        var to = Reserve(FixedEventLength + type.Prefix.Length);
        "{\"tick\": "u8.CopyTo(to);
        var at = 9;
        at += AsciiDigits.Write(e.Tick, to[at..]);
        ", \"timestamp\": "u8.CopyTo(to[at..]);
        at += 15;
        at += PythonFloat.Format(e.Timestamp, to[at..]);
        type.Prefix.CopyTo(to[at..]);
        _length += at + type.Prefix.Length;

        WriteMap(e.Data);
        if (e.Sequence > 0)
        {
            // A compact standard id: tick, type hash and sequence, nothing to escape.
            to = Reserve(IdFieldLength + type.Hash.Length);
            ", \"event_id\": \""u8.CopyTo(to);
            at = 15;
            at += AsciiDigits.Write(e.Tick, to[at..]);
            type.Hash.CopyTo(to[at..]);
            at += type.Hash.Length;
            at += AsciiDigits.Write((ulong)e.Sequence, to[at..]);
            to[at++] = (byte)'"';
            _length += at;
        }
        else
        {
            Put(", \"event_id\": "u8);
            WriteString(e.Id);
        }

        if (e.ParentId is null)
        {
            Put(", \"parent_id\": null}"u8);
        }
        else
        {
            Put(", \"parent_id\": "u8);
            WriteString(e.ParentId);
            Put("}"u8);
        }
    }

    // {"tick": -TICK, "timestamp": FLOAT (what precedes the type prefix).
    private const int FixedEventLength = 9 + AsciiDigits.MaxInt64Length + 15 + PythonFloat.MaxLength;

    // , "event_id": "TICK...SEQUENCE" (what surrounds the type hash).
    private const int IdFieldLength = 15 + AsciiDigits.MaxInt64Length + AsciiDigits.MaxInt64Length + 1;

    /// <summary>The type prefix as <see cref="TypeText.Prefix"/> holds it.</summary>
    public static byte[] EncodeTypePrefix(string type)
    {
        var writer = new JsonLineWriter(64);
        writer.Put(", \"type\": "u8);
        writer.WriteString(type);
        writer.Put(", \"data\": "u8);
        return writer.Written.ToArray();
    }

    /// <summary>The keys of a shape as <see cref="DataShape.JsonKeys"/> holds them.</summary>
    public static byte[][] EncodeKeys(ReadOnlySpan<string> keys)
    {
        var encoded = new byte[keys.Length][];
        var writer = new JsonLineWriter(64);
        for (var i = 0; i < keys.Length; i++)
        {
            writer.Clear();
            writer.Put(i == 0 ? "{"u8 : ", "u8);
            writer.WriteString(keys[i]);
            writer.Put(": "u8);
            encoded[i] = writer.Written.ToArray();
        }

        return encoded;
    }

    /// <summary>Writes the metadata record <c>{"eventure_meta": {"format": 1, "current_tick": N}}</c>.</summary>
    public void WriteMeta(long currentTick)
    {
        Put("{\""u8);
        Put(Encoding.ASCII.GetBytes(EventJson.MetaKey));
        Put("\": {\"format\": "u8);
        WriteInt64(EventJson.MetaFormat);
        Put(", \"current_tick\": "u8);
        WriteInt64(currentTick);
        Put("}}"u8);
    }

    public void WriteNewLine() => Put("\n"u8);

    private void WriteValue(in TypedValue value)
    {
        switch (value.Kind)
        {
            case DataKind.Null:
                Put("null"u8);
                break;
            case DataKind.False:
                Put("false"u8);
                break;
            case DataKind.True:
                Put("true"u8);
                break;
            case DataKind.Int64:
                WriteInt64(value.Bits);
                break;
            case DataKind.Double:
                WriteDouble(value.Double);
                break;
            case DataKind.String:
                WriteString((string)value.Reference!);
                break;
            case DataKind.Map:
                WriteMap((EventData)value.Reference!);
                break;
            default:
                var list = (EventDataList)value.Reference!;
                Put("["u8);
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        Put(", "u8);
                    }

                    WriteValue(TypedValue.Of(list[i]));
                }

                Put("]"u8);
                break;
        }
    }

    private void WriteMap(EventData map)
    {
        var count = map.Count;
        if (count == 0)
        {
            Put("{}"u8);
            return;
        }

        var keys = map.Shape.JsonKeys;
        for (var i = 0; i < keys.Length; i++)
        {
            Put(keys[i]);
            WriteValue(map.ValueAt(i));
        }

        Put("}"u8);
    }

    private void WriteInt64(long value) => _length += AsciiDigits.Write(value, Reserve(AsciiDigits.MaxInt64Length));

    private void WriteDouble(double value) => _length += PythonFloat.Format(value, Reserve(PythonFloat.MaxLength));

    /// <summary>A JSON string as Python's <c>json.dumps</c> writes it with <c>ensure_ascii=True</c>.</summary>
    private void WriteString(string s)
    {
        // Most strings are short and plain: copy them char by char, and fall back at the first one to escape.
        if (s.Length <= ShortString)
        {
            var to = Reserve(ShortString + 2);
            to[0] = (byte)'"';
            var i = 0;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c - 0x20u > 0x7E - 0x20 || c == '"' || c == '\\')
                {
                    break;
                }

                to[i + 1] = (byte)c;
            }

            if (i == s.Length)
            {
                to[i + 1] = (byte)'"';
                _length += i + 2;
                return;
            }
        }

        WriteEscapedString(s);
    }

    private const int ShortString = 32;

    private void WriteEscapedString(string s)
    {
        // Worst case: every UTF-16 unit becomes \uXXXX.
        var to = Reserve((s.Length * 6) + 2);
        var at = 0;
        to[at++] = (byte)'"';
        var rest = s.AsSpan();
        while (true)
        {
            var run = rest.IndexOfAnyExcept(Plain);
            var plain = run < 0 ? rest : rest[..run];
            at += Encoding.ASCII.GetBytes(plain, to[at..]);
            if (run < 0)
            {
                break;
            }

            at += Escape(rest[run], to[at..]);
            rest = rest[(run + 1)..];
        }

        to[at++] = (byte)'"';
        _length += at;
    }

    private static int Escape(char c, Span<byte> to)
    {
        to[0] = (byte)'\\';
        switch (c)
        {
            case '"':
                to[1] = (byte)'"';
                return 2;
            case '\\':
                to[1] = (byte)'\\';
                return 2;
            case '\n':
                to[1] = (byte)'n';
                return 2;
            case '\r':
                to[1] = (byte)'r';
                return 2;
            case '\t':
                to[1] = (byte)'t';
                return 2;
            case '\b':
                to[1] = (byte)'b';
                return 2;
            case '\f':
                to[1] = (byte)'f';
                return 2;
            default:
                to[1] = (byte)'u';
                ((int)c).TryFormat(to[2..], out _, "x4", CultureInfo.InvariantCulture);
                return 6;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(ReadOnlySpan<byte> text)
    {
        text.CopyTo(Reserve(text.Length));
        _length += text.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        var capacity = Math.Max(_buffer.Length * 2, _length + size);
        var bigger = _pooled ? ArrayPool<byte>.Shared.Rent(capacity) : new byte[capacity];
        Written.CopyTo(bigger);
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes (not yet counted as written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_length);
    }
}
