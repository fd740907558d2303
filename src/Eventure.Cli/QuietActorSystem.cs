using Akka.Actor;
using Akka.Configuration;

namespace Eventure.Cli;

/// <summary>Actor systems for the CLI's own work: errors only, so Akka's logging never mixes with command output.</summary>
internal static class QuietActorSystem
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR\nakka.log-dead-letters = off");

    public static ActorSystem Create(string name, Config config) => ActorSystem.Create(name, Quiet.WithFallback(config));
}
