using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Cli;

/// <summary>
/// Actor systems for the CLI's own work, with Eventure loaded. Akka's own log stays off, so it never mixes with command
/// output and expected failures reach the user as one line; <c>--verbose</c> turns on its warnings and errors.
/// </summary>
internal static class QuietActorSystem
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = OFF\nakka.stdout-loglevel = OFF\nakka.log-dead-letters = off");
    private static readonly Config Loud = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\nakka.log-dead-letters = off");
    private static readonly AsyncLocal<bool> VerboseFlow = new();

    /// <summary>Whether the command runs with <c>--verbose</c> (flows with the command's async calls).</summary>
    public static bool Verbose
    {
        get => VerboseFlow.Value;
        set => VerboseFlow.Value = value;
    }

    public static ActorSystem Create(string name, Config config)
    {
        var system = ActorSystem.Create(name, (Verbose ? Loud : Quiet).WithFallback(config));
        EventureExtension.Get(system);
        return system;
    }
}
