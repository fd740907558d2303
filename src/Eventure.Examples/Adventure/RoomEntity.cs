using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// A room (<c>room-{name}</c>): lets the player in one tick after the move (the original advanced the tick in
/// its move handler), then rolls for what is found inside: items (p 0.5), enemies (p 0.7), treasures (p 0.3).
/// </summary>
internal sealed class RoomEntity : SimulationEntity
{
    /// <summary>The entity id prefix of rooms.</summary>
    public const string Prefix = "room-";

    private Room Room => AdventureWorld.Room(EntityId[Prefix.Length..]);

    protected override void OnStart()
    {
        Subscribe("player.move");
        Subscribe("room.enter");
    }

    protected override void OnEvent(Event e)
    {
        var room = Room;
        if (e.Type == "player.move" && e.Data["destination"] as string == room.Name)
        {
            PublishAt(CurrentTick + 1, "room.enter", Fields.Of(("room", room.Name), ("description", room.Description)), e);
        }
        else if (e.Type == "room.enter" && e.Data["room"] as string == room.Name)
        {
            Roll(room);
        }
    }

    private void Roll(Room room)
    {
        foreach (var item in room.Items.Where(_ => Random.NextDouble() < AdventureWorld.ItemChance))
        {
            Publish("item.discover", Fields.Of(("item", item), ("message", $"You spot a {item} in the room.")));
        }

        foreach (var enemy in room.Enemies.Where(_ => Random.NextDouble() < AdventureWorld.EnemyChance))
        {
            Publish("enemy.encounter", Fields.Of(("enemy", enemy), ("message", $"A {enemy} appears before you!")));
        }

        foreach (var treasure in room.Treasures.Where(_ => Random.NextDouble() < AdventureWorld.TreasureChance))
        {
            Publish("treasure.found", Fields.Of(("treasure", treasure), ("message", $"You discovered a {treasure}!")));
        }
    }
}
