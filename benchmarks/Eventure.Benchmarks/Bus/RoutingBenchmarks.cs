using BenchmarkDotNet.Attributes;

namespace Eventure.Benchmarks.Bus;

/// <summary>
/// BenchmarkDotNet view of topic routing, per published event: the core bus with exact, prefix, suffix and
/// global subscribers, and pattern matching alone as the baseline.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int Events = 10_000;
    private readonly string[] _types = ["player.move", "player.attack", "enemy.death", "world.tick"];
    private readonly TopicPattern[] _patterns = [TopicPattern.Parse("player.move"), TopicPattern.Parse("player.*"), TopicPattern.Parse("*.death"), TopicPattern.Parse("*")];

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int MatchFourPatterns()
    {
        var hits = 0;
        for (var i = 0; i < Events; i++)
        {
            var type = _types[i & 3];
            foreach (var pattern in _patterns)
            {
                hits += pattern.Matches(type) ? 1 : 0;
            }
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long PublishToWildcardSubscribers()
    {
        var bus = new EventBus(new EventLog());
        long calls = 0;
        bus.Subscribe("player.move", _ => calls++);
        bus.Subscribe("player.*", _ => calls++);
        bus.Subscribe("*.death", _ => calls++);
        bus.Subscribe("*", _ => calls++);
        for (var i = 0; i < Events; i++)
        {
            bus.Publish(_types[i & 3]);
        }

        return calls;
    }
}
