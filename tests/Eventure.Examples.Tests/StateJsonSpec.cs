using System.Collections.Immutable;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;

namespace Eventure.Examples.Tests;

/// <summary>
/// The state of every example entity round-trips the way a resume reads it: written as JSON, stored in a runtime
/// snapshot under its versioned manifest (<c>rt1</c>, with the state's version), read back by the entity itself
/// (its <c>ReadState</c>) and written again (its <c>WriteState</c>) to exactly the same JSON, order of every list and
/// dictionary included.
/// </summary>
public sealed class StateJsonSpec : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ActorSystem _system = ActorSystem.Create(
        "state-json",
        EventureConfig.WithDefaults(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task The_players_state_should_round_trip_with_its_lists_in_order()
    {
        var seen = new AdventureState("library", 55, ["torch", "key", "health_potion"], 1, ["silver_coin", "magic_amulet"], null);
        var state = new PlayerState(5, "treasury", 1, seen);

        var json = await RoundTripAsync(Props.Create<PlayerEntity>(), PlayerEntity.Id, "player", state);

        var back = JsonSerializer.Deserialize<PlayerState>(json)!;
        Assert.Equal(["torch", "key", "health_potion"], back.Seen.Inventory);
        Assert.Equal(["silver_coin", "magic_amulet"], back.Seen.Treasures);
        Assert.Equal((5, "treasury", 1, "library", 55L, 1L), (back.Steps, back.Awaiting, back.Fights, back.Seen.Location, back.Seen.Health, back.Seen.EnemiesDefeated));
        Assert.DoesNotContain("GameOver", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enemys_state_should_round_trip()
    {
        var state = new EnemyState("5-ADCF-1", 62, 2, "7-BCDE-3", true, false);

        var json = await RoundTripAsync(Props.Create<EnemyEntity>(), "enemy-goblin", "enemy", state);

        Assert.Equal(state, JsonSerializer.Deserialize<EnemyState>(json));
        Assert.DoesNotContain("RoundDue", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feeds_state_should_round_trip_its_prices_exactly_and_in_order()
    {
        var state = new FeedState([50_000.12, 0.1 + 0.2, 49_999.99, 1e-7], 137);

        var json = await RoundTripAsync(Props.Create<MarketFeedEntity>(), "market-BTC-USD", "market", state);

        var back = JsonSerializer.Deserialize<FeedState>(json)!;
        Assert.Equal(state.Recent.ToArray(), back.Recent.ToArray());
        Assert.Equal(137, back.Count);
    }

    [Fact]
    public async Task The_portfolios_state_should_round_trip_with_its_balances_in_ordinal_order()
    {
        var balances = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal)
            .Add("USD", 7_531.25).Add("ETH", 1.5).Add("sol", 3).Add("BTC", 0.12345678).Add("_x", 0.1 + 0.2);
        var state = new PortfolioState(balances, 12);

        var json = await RoundTripAsync(Props.Create<PortfolioEntity>(), PortfolioEntity.Id, "portfolio", state);

        Assert.Equal(["BTC", "ETH", "USD", "_x", "sol"], JsonDocument.Parse(json).RootElement.GetProperty("Balances").EnumerateObject().Select(p => p.Name));
        var back = JsonSerializer.Deserialize<PortfolioState>(json)!;
        Assert.Equal(balances, back.Balances.OrderBy(b => b.Key, StringComparer.Ordinal));
        Assert.Equal(12, back.Orders);
    }

    /// <summary>
    /// Writes <paramref name="state"/> as a snapshot would, through the journal serializer, into a new entity actor and
    /// back out of it; asserts the JSON and its version survived unchanged and returns the JSON.
    /// </summary>
    private async Task<string> RoundTripAsync<TState>(Props props, string entityId, string kind, TState state)
    {
        var json = JsonSerializer.Serialize(state);
        var snapshot = new RuntimeSnapshot(9, [new SnapshotEntity(entityId, kind, json, 1)], [], [], []);
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(snapshot);
        var manifest = serializer.Manifest(snapshot);
        var stored = Assert.Single(Assert.IsType<RuntimeSnapshot>(serializer.FromBinary(serializer.ToBinary(snapshot), manifest)).Entities);
        Assert.Equal(("rt1", json, 1), (manifest, stored.State, stored.StateVersion));

        var entity = _system.ActorOf(props);
        var ready = await entity.Ask<EntityReady>(new InitializeEntity(entityId, 42, [], true, StateJson: stored.State, StateVersion: stored.StateVersion), Timeout);
        Assert.Null(ready.Fault);
        var report = await entity.Ask<EntityStateReport>(new ReportEntityState(9), Timeout);

        Assert.Equal((entityId, json, 1), (report.EntityId, report.Json, report.Version));
        return report.Json!;
    }
}
