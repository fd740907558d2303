using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Cluster;
using Eventure.Examples.Crypto;
using Eventure.Examples.Hosting;

namespace Eventure.Examples;

/// <summary>
/// <c>node crypto</c>: one member of a cluster that runs the crypto simulation, as its own process. Every node hosts
/// partitions and can take the singleton over; the node started with <c>--drive</c> spawns the market and runs the
/// ticks, the others serve until the simulation has stored tick <c>--ticks</c> (or Ctrl+C). See docs/cluster.md.
/// </summary>
internal static class NodeCommand
{
    public const string Usage = """
        Usage: dotnet run --project src/Eventure.Examples -- node crypto --port P --seed-nodes HOST:PORT[,HOST:PORT...]
                 [--hostname 127.0.0.1] [--min-nodes N] [--drive] [--ticks 100] [--seed 42]
                 [--db PATH | --journal FILE] [--config FILE] [--verbose]

          --port P          This node's TCP port.
          --seed-nodes L    The seed nodes, comma-separated HOST:PORT (the first node lists itself first).
          --hostname H      The address other nodes reach this one at (default 127.0.0.1).
          --min-nodes N     Wait until N nodes have joined before starting (default 1), so partitions spread.
          --drive           This node spawns the market and runs the ticks, then prints the report.
          --ticks N         The run covers ticks 0..N; a serving node leaves once tick N is stored (default 100).
          --db, --journal   The shared journal (SQLite only when every node runs on this machine; PostgreSQL otherwise).
          --config FILE     More HOCON on top (failure-detector and split-brain timings, say).
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        try
        {
            var system = "eventure-" + CryptoSimulation.Id;
            var seeds = options.SeedNodes.Select(s => $"akka.tcp://{system}@{s}");
            // Not akka.cluster.min-nr-of-members: a shard coordinator that moves after a node is lost would wait for
            // that many regions forever. The command waits for the members itself instead.
            var config = EventureClusterConfig.Node(options.Port, seeds, options.Hostname);
            if (options.ConfigFile is { } file)
            {
                config = ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(config);
            }

            await using var host = await ExampleHost.OpenAsync(CryptoSimulation.Id, new JournalChoice(options.Db, options.Journal, Fresh: false), config, options.Verbose);
            await WaitForMembersAsync(Akka.Cluster.Cluster.Get(host.System), options.MinNodes, TimeSpan.FromMinutes(2));
            var simulation = await host.StartAsync(CryptoSimulation.Id, options.Seed, CryptoSimulation.Registry());
            var self = Akka.Cluster.Cluster.Get(host.System).SelfAddress;
            output.WriteLine($"Node {self} is up: hosting crypto's partitions{(options.Drive ? " and driving the run" : string.Empty)} (journal: {host.Journal}).");
            if (options.Drive)
            {
                var log = await CryptoSimulation.RunAsync(host.System, simulation, options.Ticks);
                output.WriteLine();
                CryptoReport.Print(log, output);
                output.WriteLine();
                output.WriteLine($"Journal: {host.Journal}, simulation 'crypto': {log.Events.Count.ToString(Invariant)} events, ticks 0-{log.CurrentTick.ToString(Invariant)}.");
            }
            else
            {
                await ServeAsync(simulation, options.Ticks, output);
            }

            // Leave the cluster rather than Simulation.StopAsync, which would stop this node's singleton manager at once:
            // leaving hands the singleton over to the next oldest member (nodes still serving ask it for the status).
            await CoordinatedShutdown.Get(host.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            return 0;
        }
        catch (Exception ex) when (ex is SimulationException or IOException or UnauthorizedAccessException or ConfigurationException or AskTimeoutException
            or TimeoutException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"node: {ex.Message}");
            if (options.Verbose)
            {
                error.WriteLine(ex.ToString());
            }

            return 1;
        }
    }

    /// <summary>Waits until this node and <paramref name="count"/> members in all are up, so the partitions spread.</summary>
    private static async Task WaitForMembersAsync(Akka.Cluster.Cluster cluster, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up || cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count.ToString(Invariant)} cluster members were not up within {timeout.TotalSeconds.ToString(Invariant)} s (check --seed-nodes and that the other nodes run).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Serves until the simulation has stored tick <paramref name="lastTick"/>, or Ctrl+C.</summary>
    private static async Task ServeAsync(Simulation simulation, long lastTick, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if ((await simulation.GetStatusAsync()).NextTick > lastTick)
                    {
                        output.WriteLine($"The simulation stored tick {lastTick.ToString(Invariant)}: this node leaves.");
                        return;
                    }
                }
                catch (AskTimeoutException)
                {
                    // The singleton is moving to another node: ask again.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    private sealed record Options(int Port, IReadOnlyList<string> SeedNodes, string Hostname, int MinNodes, bool Drive, long Ticks, int Seed, string? Db, string? Journal, string? ConfigFile, bool Verbose)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            if (args.Count == 0 || args[0] != "crypto")
            {
                throw new ArgumentException("'node' runs the crypto example: node crypto --port P --seed-nodes HOST:PORT[,...] (see node --help).");
            }

            int? port = null;
            string[]? seeds = null;
            var (hostname, minNodes, drive, ticks, seed, verbose) = ("127.0.0.1", 1, false, 100L, 42, false);
            string? db = null, journal = null, config = null;
            for (var i = 1; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--port":
                        port = (int)ExampleArguments.Number(args, ref i, 1, 65535);
                        break;
                    case "--seed-nodes":
                        seeds = ExampleArguments.Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (seeds.Length == 0 || seeds.Any(s => !s.Contains(':', StringComparison.Ordinal)))
                        {
                            throw new ArgumentException("Option '--seed-nodes' needs HOST:PORT entries separated by commas, e.g. 127.0.0.1:4053.");
                        }

                        break;
                    case "--hostname":
                        hostname = ExampleArguments.Value(args, ref i);
                        break;
                    case "--min-nodes":
                        minNodes = (int)ExampleArguments.Number(args, ref i, 1, 1000);
                        break;
                    case "--drive":
                        drive = true;
                        break;
                    case "--ticks":
                        ticks = ExampleArguments.Number(args, ref i, 0, 10_000_000);
                        break;
                    case "--seed":
                        seed = (int)ExampleArguments.Number(args, ref i, int.MinValue, int.MaxValue);
                        break;
                    case "--db":
                        db = ExampleArguments.Value(args, ref i);
                        break;
                    case "--journal":
                        journal = ExampleArguments.Value(args, ref i);
                        break;
                    case "--config":
                        config = ExampleArguments.Value(args, ref i);
                        break;
                    case "--verbose":
                        verbose = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{args[i]}' for 'node'. Run 'node --help' to see the options.");
                }
            }

            if (port is null || seeds is null)
            {
                throw new ArgumentException("'node' needs --port and --seed-nodes (see node --help).");
            }

            return new Options(port.Value, seeds, hostname, minNodes, drive, ticks, seed, db, journal, config, verbose);
        }
    }
}
