using System.Collections.Immutable;
using CsCheck;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Tests.Engine;

/// <summary>
/// The engine's ordering rules, shuffled: the same model population must store the same ticks whatever the number
/// of partitions and whatever order the answers arrive in, with faults, despawns, cascades, schedules and
/// subscription changes along the way.
/// </summary>
public sealed class EnginePropertyTests
{
    [Fact]
    public void The_same_population_should_store_the_same_ticks_for_any_partition_count_and_arrival_order()
    {
        Gen.Select(Gen.Int[0, 1_000], Gen.Int[1, 9], Gen.Int, Gen.Int[0, 12]).Sample(
            (seed, partitions, arrival, faultPercent) =>
            {
                var baseline = Run(seed, partitions: 1, arrival: 0, faultPercent);
                var shuffled = Run(seed, partitions, arrival, faultPercent);

                Assert.Equal(baseline, shuffled);
            },
            iter: 60);
    }

    [Fact]
    public void Ticks_abandoned_mid_way_and_run_again_should_store_what_a_straight_run_stores()
    {
        // A cluster that loses a partition abandons the unstored tick (engine and router abort) and runs it again.
        Gen.Select(Gen.Int[0, 1_000], Gen.Int[1, 9], Gen.Int, Gen.Int).Sample(
            (seed, partitions, arrival, aborts) =>
            {
                Assert.Equal(Run(seed, partitions: 1, arrival: 0, faultPercent: 6), Run(seed, partitions, arrival, faultPercent: 6, aborts));
            },
            iter: 40);
    }

    [Fact]
    public void Without_rewinding_the_index_an_abandoned_tick_should_store_something_else()
    {
        // The property above is not vacuous: a router that keeps the aborted tick's subscription changes diverges.
        var diverged = Enumerable.Range(0, 30).Any(seed =>
            !Run(seed, partitions: 1, arrival: 0, faultPercent: 6).SequenceEqual(Run(seed, 4, seed, faultPercent: 6, aborts: seed, rewind: false)));

        Assert.True(diverged);
    }

    [Fact]
    public void The_model_should_exercise_what_the_rules_order()
    {
        // A check that the property above is not vacuous: the model's runs contain every kind of decision.
        var all = string.Join('\n', Enumerable.Range(0, 5).SelectMany(seed => Run(seed, 4, seed, faultPercent: 8)));

        Assert.Contains("entity.faulted", all, StringComparison.Ordinal);
        Assert.Contains("\"cause\": \"faults\"", all, StringComparison.Ordinal);
        Assert.Contains("\"cause\": \"self\"", all, StringComparison.Ordinal);
        Assert.Contains("later.x", all, StringComparison.Ordinal);
        Assert.Contains("scheduled ", all, StringComparison.Ordinal);
        Assert.Contains("Input - ", all, StringComparison.Ordinal);
        Assert.Matches("\"d\": 3", all);
    }

    [Fact]
    public void A_different_seed_should_change_the_stored_ticks()
    {
        Assert.NotEqual(Run(1, 3, 0, 5), Run(2, 3, 0, 5));
    }

    [Fact]
    public void Tick_answers_that_leave_out_the_expected_ids_should_store_the_same_ticks()
    {
        var leavingOut = new EngineHarness(7, 4, 1, 5, abortSeed: 3, leaveOutIds: true);
        leavingOut.Spawn(24);
        leavingOut.Input("red.go");
        var first = leavingOut.Run(3);
        leavingOut.Input("blue.poke");

        Assert.Equal(Run(7, 4, 1, 5, aborts: 3), [.. first, .. leavingOut.Run(5)]);
        Assert.True(leavingOut.IdsLeftOut > 0);
    }

    [Fact]
    public void Answers_split_at_faults_should_merge_into_the_answer_of_the_whole_batch()
    {
        var units = Gen.Select(Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 40]);
        units.Array[1, 12].Select(Gen.Int[-1, 11]).Sample((spec, despawnAt) =>
        {
            var whole = Answer(spec, 0, spec.Length, despawnAt, checksum: 9);

            // The entity answers up to each fault, then the rest after its rebuild.
            var builder = new AnswerBuilder(spec.Length);
            var start = 0;
            for (var unit = 0; unit < spec.Length; unit++)
            {
                if (spec[unit].Item2 || unit == spec.Length - 1)
                {
                    Assert.True(builder.Take(start, unit - start + 1, Answer(spec, start, unit + 1, despawnAt, checksum: unit == spec.Length - 1 ? 9 : 0)));
                    start = unit + 1;
                }
            }

            Assert.False(builder.Take(0, 1, whole));
            AssertSame(whole, builder.Build("e"));
        });
    }

    private static IReadOnlyList<string> Run(int seed, int partitions, int arrival, int faultPercent, int? aborts = null, bool rewind = true)
    {
        var harness = new EngineHarness(seed, partitions, arrival, faultPercent, abortSeed: aborts, rewind: rewind);
        harness.Spawn(24);
        harness.Input("red.go");
        var first = harness.Run(3);
        harness.Input("blue.poke");
        return [.. first, .. harness.Run(5)];
    }

    /// <summary>The answer for units [<paramref name="from"/>, <paramref name="to"/>) of a batch, numbered from <paramref name="from"/>.</summary>
    private static EntityAnswer Answer((int Emits, bool Faults, int Change)[] spec, int from, int to, int despawnAt, long checksum)
    {
        var emissions = new List<Emission>();
        var ends = new List<int>();
        var changes = new List<UnitChange>();
        var faults = new List<UnitFault>();
        for (var unit = from; unit < to; unit++)
        {
            if (spec[unit].Faults)
            {
                faults.Add(new UnitFault(unit - from, new EntityFault("X", $"unit {unit}")));
            }
            else
            {
                for (var i = 0; i < spec[unit].Emits; i++)
                {
                    emissions.Add(new Emission($"u{unit}.e{i}", EventData.Empty, null, null));
                }

                if (spec[unit].Change < 4)
                {
                    changes.Add(new UnitChange(unit - from, new SubscriptionChange($"p{spec[unit].Change}", true)));
                }
            }

            ends.Add(emissions.Count);
        }

        var despawn = despawnAt >= from && despawnAt < to && !spec[despawnAt].Faults ? despawnAt - from : -1;
        return new EntityAnswer("e", checksum, [.. emissions], emissions.Count > 0 ? [.. ends] : [], [.. changes], [.. faults], despawn);
    }

    private static void AssertSame(EntityAnswer expected, EntityAnswer actual)
    {
        var units = Math.Max(expected.Ends.Length, actual.Ends.Length);
        for (var unit = 0; unit < units; unit++)
        {
            Assert.Equal(expected.EmissionsOf(unit).ToArray(), actual.EmissionsOf(unit).ToArray());
        }

        Assert.Equal(expected.Subscriptions.ToArray(), actual.Subscriptions.ToArray());
        Assert.Equal(expected.Faults.ToArray(), actual.Faults.ToArray());
        Assert.Equal(expected.DespawnAfter, actual.DespawnAfter);
        Assert.Equal(expected.Checksum, actual.Checksum);
    }
}
