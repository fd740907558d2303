using Eventure.Internal;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests.Internal;

/// <summary>A tick's positions: a run while contiguous, a list once they are not.</summary>
public sealed class TickIndexSpecTests
{
    [Fact]
    public void Positions_should_stay_in_log_order_whether_contiguous_or_not()
    {
        var index = new TickIndex();
        foreach (var (tick, position) in new[] { (5L, 0), (5L, 1), (5L, 2), (7L, 3), (5L, 4), (7L, 5), (2L, 6) })
        {
            index.Add(tick, position);
        }

        Assert.Equal([0, 1, 2, 4], Positions(index.PositionsOf(5)));
        Assert.Equal([3, 5], Positions(index.PositionsOf(7)));
        Assert.Equal([6], Positions(index.PositionsOf(2)));
        Assert.Empty(Positions(index.PositionsOf(3)));
        Assert.Equal([2L, 5L, 7L], index.TicksAscending());
    }

    [Fact]
    public void A_log_loaded_out_of_tick_order_should_answer_each_tick_in_log_order()
    {
        var log = LoadLines(Line(1, "a", "x1"), Line(2, "a", "x2"), Line(1, "a", "x3"), Line(1, "a", "x4"));

        Assert.Equal("x1, x3, x4", Ids(log.GetEventsAtTick(1)));
        Assert.Equal("x2", Ids(log.GetEventsAtTick(2)));
    }

    private static List<int> Positions(TickPositions positions)
    {
        var result = new List<int>();
        foreach (var position in positions)
        {
            result.Add(position);
        }

        Assert.Equal(positions.Count, result.Count);
        return result;
    }
}
