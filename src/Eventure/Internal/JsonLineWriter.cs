using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Eventure.Internal;

/// <summary>
/// Writes the seed's JSON lines straight into UTF-8 bytes: the output is pure ASCII (Python's
/// <c>ensure_ascii</c>), so nothing is ever encoded twice. One writer is reused for a whole save.
/// </summary>
internal sealed class JsonLineWriter
{
    // Characters written as they are; everything else is escaped the way json.dumps escapes it.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private byte[] _buffer;
    private int _length;

    public JsonLineWriter(int capacity = 256)
    {
        _buffer = new byte[capacity];
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    /// <summary>The text written so far (ASCII).</summary>
    public override string ToString() => Encoding.ASCII.GetString(Written);

    /// <summary>Writes one event object (no newline).</summary>
    public void WriteEvent(Event e)
    {
        Put("{\"tick\": "u8);
        WriteInt64(e.Tick);
        Put(", \"timestamp\": "u8);
        WriteDouble(e.Timestamp);
        Put(", \"type\": "u8);
        WriteString(e.Type);
        Put(", \"data\": "u8);
        WriteMap(e.Data);
        Put(", \"event_id\": "u8);
        if (e.Sequence > 0)
        {
            // A compact standard id: digits, dashes and A-F, nothing to escape.
            Span<char> id = stackalloc char[Event.MaxCompactIdLength];
            var length = e.FormatId(id);
            var to = Reserve(length + 2);
            to[0] = (byte)'"';
            Encoding.ASCII.GetBytes(id[..length], to[1..]);
            to[length + 1] = (byte)'"';
            _length += length + 2;
        }
        else
        {
            WriteString(e.Id);
        }

        Put(", \"parent_id\": "u8);
        if (e.ParentId is null)
        {
            Put("null"u8);
        }
        else
        {
            WriteString(e.ParentId);
        }

        Put("}"u8);
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
        Put("{"u8);
        for (var i = 0; i < map.Count; i++)
        {
            if (i > 0)
            {
                Put(", "u8);
            }

            WriteString(map.KeyAt(i));
            Put(": "u8);
            WriteValue(map.ValueAt(i));
        }

        Put("}"u8);
    }

    private void WriteInt64(long value)
    {
        value.TryFormat(Reserve(20), out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
    }

    private void WriteDouble(double value) => _length += PythonFloat.Format(value, Reserve(PythonFloat.MaxLength));

    /// <summary>A JSON string as Python's <c>json.dumps</c> writes it with <c>ensure_ascii=True</c>.</summary>
    private void WriteString(string s)
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

    /// <summary>Room for at least <paramref name="size"/> more bytes (not yet counted as written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        return _buffer.AsSpan(_length);
    }
}
