using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Actors.Persistence;

namespace Eventure.Persistence.Sql;

/// <summary>Reading a SQLite journal file directly, as a static member of <see cref="JournalReader"/>.</summary>
public static class SqlJournalReader
{
    /// <summary>Static members added to <see cref="JournalReader"/>.</summary>
    extension(JournalReader)
    {
        /// <summary>
        /// Reads simulation <paramref name="simulationId"/> from the SQLite journal at <paramref name="databasePath"/>
        /// with a private, short-lived actor system. Nothing is written to the file.
        /// </summary>
        /// <exception cref="FileNotFoundException">The database file does not exist.</exception>
        public static async Task<EventLog> LoadSqliteAsync(string databasePath, string simulationId, long? untilTick = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(databasePath);
            if (!File.Exists(databasePath))
            {
                throw new FileNotFoundException($"No journal database at {databasePath}.", databasePath);
            }

            var quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
            using var system = ActorSystem.Create("eventure-reader", quiet.WithFallback(EventureConfig.SqliteReadOnly(databasePath)));
            try
            {
                return await JournalReader.LoadAsync(system, simulationId, untilTick);
            }
            finally
            {
                await system.Terminate();
            }
        }
    }
}
