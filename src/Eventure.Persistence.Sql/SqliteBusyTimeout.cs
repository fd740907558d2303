using System.Runtime.InteropServices;

namespace Eventure.Persistence.Sql;

/// <summary>
/// Gives every SQLite connection the process opens from now on a busy timeout (<c>sqlite3_busy_timeout</c>),
/// registered once as a SQLite auto-extension.
/// </summary>
/// <remarks>
/// <para>Without it, a connection that finds the database locked by another writer gets <c>SQLITE_BUSY</c> at
/// once, and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep. On a journal written every tick, with
/// projections and snapshots storing their offsets beside it, that sleep was the whole tail of the projection
/// latency. With a busy timeout SQLite waits inside the call in short back-off steps (1, 2, 5, 10 … ms), so a
/// lock held for 10 ms costs about 20 ms, not 150.</para>
/// <para>It binds to <c>e_sqlite3</c>, the native library Microsoft.Data.Sqlite ships with. When an
/// application uses another SQLite build, registration reports false and nothing changes.</para>
/// </remarks>
internal static class SqliteBusyTimeout
{
    private const int SqliteOk = 0;

    // Kept alive for the life of the process: SQLite holds a pointer to it.
    private static readonly AutoExtension Entry = OnOpen;
    private static readonly Lock Gate = new();
    private static int _milliseconds;
    private static bool? _registered;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int AutoExtension(IntPtr db, IntPtr errorMessage, IntPtr api);

    /// <summary>
    /// Sets the busy timeout of connections opened from now on to <paramref name="timeout"/> (the last call wins)
    /// and registers the hook on first use.
    /// </summary>
    /// <returns>Whether the hook is registered (false when the <c>e_sqlite3</c> library is not available).</returns>
    public static bool Apply(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        Volatile.Write(ref _milliseconds, (int)Math.Min(timeout.TotalMilliseconds, int.MaxValue));
        lock (Gate)
        {
            _registered ??= Register();
            return _registered.Value;
        }
    }

    private static bool Register()
    {
        try
        {
            return NativeMethods.sqlite3_auto_extension(Entry) == SqliteOk;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Runs inside sqlite3_open for every new connection; a non-zero result would fail the open (it cannot fail
    // for a connection SQLite just created).
    private static int OnOpen(IntPtr db, IntPtr errorMessage, IntPtr api) =>
        NativeMethods.sqlite3_busy_timeout(db, Volatile.Read(ref _milliseconds));

    private static class NativeMethods
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_auto_extension(AutoExtension entry);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_busy_timeout(IntPtr db, int milliseconds);
    }
}
