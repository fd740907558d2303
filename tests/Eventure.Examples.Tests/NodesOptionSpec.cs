using Eventure.Actors.Persistence;
using Eventure.Examples.Tests.Support;
using Eventure.Persistence.Sql;

namespace Eventure.Examples.Tests;

/// <summary><c>crypto --nodes 3</c>: three actor systems clustered over loopback in one process print and store what one node does.</summary>
[Trait("Category", "Cluster")]
public sealed class NodesOptionSpec
{
    [Fact]
    public async Task Crypto_on_three_clustered_nodes_should_print_and_store_what_one_node_does()
    {
        using var temp = new TempFolder();
        var single = await AppRun.RunAsync(null, "crypto", "--seed", "7", "--ticks", "40", "--fresh", "--db", temp.File("single.db"));
        var three = await AppRun.RunAsync(null, "crypto", "--seed", "7", "--ticks", "40", "--fresh", "--nodes", "3", "--db", temp.File("three.db"));

        Assert.True(three.ExitCode == 0, three.Output + three.Error);
        Assert.StartsWith("Clustered: 3 actor systems", three.Output, StringComparison.Ordinal);
        Assert.Equal(single.Section("===== TRADING SUMMARY"), three.Section("===== TRADING SUMMARY"));
        var expected = ExampleRun.Export(await JournalReader.LoadSqliteAsync(temp.File("single.db"), "crypto"));
        Assert.Equal(expected, ExampleRun.Export(await JournalReader.LoadSqliteAsync(temp.File("three.db"), "crypto")));
    }

    [Fact]
    public async Task Nodes_out_of_range_should_be_refused_with_one_line()
    {
        var run = await AppRun.RunAsync(null, "crypto", "--nodes", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Option '--nodes' needs a whole number from 1 to 16, not '0'.\n", run.Error.ReplaceLineEndings("\n"));
    }
}
