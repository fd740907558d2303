using Eventure.Actors;
using Eventure.Cluster;
using Eventure.Hosting;
using Eventure.Persistence.Sql;

namespace Eventure.PublicApi.Tests;

/// <summary>
/// Every library's public surface is approved: any change (a new public type, a member that became public, a changed
/// signature, a new InternalsVisibleTo) fails here until its snapshot in <c>approved/</c> is accepted and committed, so
/// it shows up in review. Accept with <c>EVENTURE_ACCEPT_API=1 dotnet test tests/Eventure.PublicApi.Tests</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Eventure_public_api_should_match_its_approved_snapshot() => ApiApproval.Verify(typeof(Event).Assembly);

    [Fact]
    public void Eventure_Actors_public_api_should_match_its_approved_snapshot() => ApiApproval.Verify(typeof(Simulation).Assembly);

    [Fact]
    public void Eventure_Persistence_Sql_public_api_should_match_its_approved_snapshot() => ApiApproval.Verify(typeof(SqliteJournal).Assembly);

    [Fact]
    public void Eventure_Hosting_public_api_should_match_its_approved_snapshot() => ApiApproval.Verify(typeof(EventureJournal).Assembly);

    [Fact]
    public void Eventure_Cluster_public_api_should_match_its_approved_snapshot() => ApiApproval.Verify(typeof(EventureCluster).Assembly);

    [Fact]
    public void A_changed_surface_should_be_described_line_by_line_with_how_to_accept_it()
    {
        const string approved = "namespace Eventure\n{\n    public sealed class Event { }\n    public static class Old { }\n}\n";
        const string received = "namespace Eventure\n{\n    public sealed class Event { }\n    public sealed class New { }\n}\n";

        var message = ApiApproval.Describe("Eventure", approved, received, "approved/Eventure.approved.txt", "approved/Eventure.received.txt");

        Assert.Equal(
            """
            The public API of Eventure changed: 1 line(s) added, 1 removed.
              - public static class Old { }
              + public sealed class New { }
            Review:  git diff --no-index approved/Eventure.approved.txt approved/Eventure.received.txt
            Accept:  EVENTURE_ACCEPT_API=1 dotnet test tests/Eventure.PublicApi.Tests   (or copy the .received.txt over the .approved.txt),
                     then commit the .approved.txt with the change so the new surface is reviewed with it.

            """.ReplaceLineEndings(), message);
    }

    [Fact]
    public void Only_test_projects_and_the_cluster_package_should_see_the_libraries_internals()
    {
        string[] allowed = ["Eventure.Actors", "Eventure.Actors.Tests", "Eventure.Cluster", "Eventure.Cluster.Tests", "Eventure.Examples.Tests", "Eventure.Persistence.Sql.Tests", "Eventure.Tests"];
        var granted = new[] { typeof(Event), typeof(Simulation), typeof(SqliteJournal), typeof(EventureJournal), typeof(EventureCluster) }
            .SelectMany(t => t.Assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false))
            .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToArray();

        Assert.NotEmpty(granted);
        Assert.All(granted, name => Assert.Contains(name, allowed));
    }
}
