
namespace CoProduce.Gateway.Tests.Projects;

/// <summary>
/// Every project endpoint, called by every kind of caller, against the table below. A refused call
/// (and any read) must leave the project and its organisation exactly as they were.
/// </summary>
public abstract class ProjectRoleMatrixTests(GatewayDatabase database)
{
    private static readonly Caller[] Columns =
    [
        Caller.OrgAdmin, Caller.OrgFacilitator, Caller.OrgFinance, Caller.ProjectFacilitator,
        Caller.ProjectContributor, Caller.ProjectObserver, Caller.ForeignStaff, Caller.Stranger,
    ];

    /// <summary>
    /// Organisation staff who are not participants record no access needs of their own (400: not a
    /// participant), and are not participants to remove (404). Organisation facilitators facilitate every project of
    /// their organisation. A contributor removing "the contributor" is leaving: their own act.
    /// </summary>
    private static readonly Dictionary<string, int[]> Table = new()
    {
        //                                                                    admin orgFac finance projFac contrib observer foreign stranger
        ["POST /api/projects"] =                                             [201,  201,   403,    404,    404,    404,     404,    404],
        ["GET /api/projects"] =                                              [200,  200,   200,    200,    200,    200,     200,    200],
        ["GET /api/projects/{id}"] =                                         [200,  200,   200,    200,    200,    200,     404,    404],
        ["PUT /api/projects/{id}/participants/{personId}"] =                 [202,  202,   403,    202,    403,    403,     404,    404],
        ["DELETE /api/projects/{id}/participants/{personId} (the contributor)"] = [204, 204, 403, 204, 204, 403, 404, 404],
        ["DELETE /api/projects/{id}/participants/{personId} (oneself)"] =  [404,  404,   404,    204,    204,    204,     404,    404],
        ["POST /api/projects/{id}/stage"] =                                  [200,  200,   403,    200,    403,    403,     404,    404],
        ["PUT /api/projects/{id}/pre-production"] =                          [200,  200,   403,    200,    403,    403,     404,    404],
        ["POST /api/projects/{id}/budget-lines"] =                           [201,  201,   403,    201,    201,    403,     404,    404],
        ["POST /api/projects/{id}/budget-lines/{lineId}/agreement"] =        [200,  200,   403,    200,    200,    403,     404,    404],
        ["POST /api/projects/{id}/access-needs (the contributor's)"] =       [201,  201,   403,    201,    201,    403,     404,    404],
        ["POST /api/projects/{id}/access-needs (one's own)"] =               [400,  400,   400,    201,    201,    201,     404,    404],
        ["PUT /api/projects/{id}/access-needs/{needId}"] =                   [200,  200,   403,    200,    403,    403,     404,    404],
    };

    public static TheoryData<string> Endpoints => [.. ProjectCalls.All.Select(c => c.Name)];

    [Fact]
    public void TheTableCoversEveryEndpoint() =>
        Assert.Equal(ProjectCalls.All.Select(c => c.Name).Order(), Table.Keys.Order());

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachCallerGetsTheAnswerInTheTable(string endpoint)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var call = ProjectCalls.Named(endpoint);
        var target = await FreshTarget(world);
        var mismatches = new List<string>();
        for (var column = 0; column < Columns.Length; column++)
        {
            var caller = Columns[column];
            var me = world.PersonFor(caller);
            var before = await world.Read(target.ProjectId);
            var projectsBefore = await world.OrganisationProjects();
            var response = await call.Send(world.As(me), me, target with { ETag = before.ETag });
            var expected = Table[endpoint][column];
            if ((int)response.StatusCode != expected)
            {
                mismatches.Add($"{caller}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            if (!response.IsSuccessStatusCode)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            var wrote = response.IsSuccessStatusCode && !endpoint.StartsWith("GET", StringComparison.Ordinal);
            if (!wrote)
            {
                Assert.Equal(before, await world.Read(target.ProjectId));
                Assert.Equal(projectsBefore, await world.OrganisationProjects());
            }
            else
            {
                // The next caller starts from an untouched project, so each row tests the role alone.
                target = await FreshTarget(world);
            }

            if (endpoint == "GET /api/projects" && caller is Caller.ForeignStaff or Caller.Stranger)
            {
                Assert.Equal(0, (await response.Json()).GetProperty("total").GetInt32());
            }
        }

        Assert.True(mismatches.Count == 0, $"{endpoint}:\n{string.Join("\n", mismatches)}");
    }

    private static async Task<CallTarget> FreshTarget(ProjectWorld world)
    {
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var need = await world.NewAccessNeed(project);
        return new CallTarget(world, project, line, need, (await world.Read(project)).ETag);
    }
}

public sealed class SqliteProjectRoleMatrixTests(SqliteGateway database) : ProjectRoleMatrixTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresProjectRoleMatrixTests(PostgresGateway database) : ProjectRoleMatrixTests(database), IClassFixture<PostgresGateway>;
