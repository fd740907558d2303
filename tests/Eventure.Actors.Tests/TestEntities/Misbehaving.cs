using Eventure.Actors;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>
/// Throws on the events it is told to, never answers when asked to hang, echoes forever, or stops itself at tick 1
/// without answering ("vanish").
/// </summary>
public sealed class Misbehaving(string mode) : SimulationEntity
{
    protected override void OnStart() => Subscribe(mode == "loop" ? "echo" : "trigger");

    protected override void OnTick(long tick)
    {
        if (mode == "hang")
        {
            DeferReply();
        }
        else if (mode == "loop" && tick == 0)
        {
            Publish("echo");
        }
        else if (mode == "vanish" && tick == 1)
        {
            DeferReply();
            Context.Stop(Self);
        }
    }

    protected override void OnEvent(Event e)
    {
        switch (mode)
        {
            case "throw":
                throw new InvalidOperationException($"cannot handle {e.Id}");
            case "loop":
                Publish("echo");
                break;
        }
    }
}
