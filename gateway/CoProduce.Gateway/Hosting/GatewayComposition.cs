using CoProduce.Gateway.Agenda;
using CoProduce.Gateway.Auth;
using CoProduce.Gateway.Decisions;
using CoProduce.Gateway.Delivery;
using CoProduce.Gateway.Evaluation;
using CoProduce.Gateway.Feedback;
using CoProduce.Gateway.Health;
using CoProduce.Gateway.Home;
using CoProduce.Gateway.Invitations;
using CoProduce.Gateway.Jobs;
using CoProduce.Gateway.Live;
using CoProduce.Gateway.Networks;
using CoProduce.Gateway.Organisations;
using CoProduce.Gateway.Payments;
using CoProduce.Gateway.People;
using CoProduce.Gateway.Projects;
using CoProduce.Gateway.Recognition;
using CoProduce.Gateway.Reports;
using CoProduce.Gateway.Representation;
using CoProduce.Gateway.Trail;
using CoProduce.Grains.Hosting;

namespace CoProduce.Gateway.Hosting;

/// <summary>The gateway's parts in one place, so the shipped host and the benchmark host are the same.</summary>
public static class GatewayComposition
{
    /// <summary>The co-hosted silo with the domain grains, the API conventions and sign-in.</summary>
    public static WebApplicationBuilder AddCoProduceGateway(this WebApplicationBuilder builder)
    {
        builder.AddCoProduceSilo();
        builder.AddGatewayConventions();
        builder.AddStorageWriteHealth();
        builder.AddGatewayAuth();
        builder.AddGatewayLive();
        builder.AddInvitationLinks();
        builder.AddJobsDashboard();
        return builder;
    }

    /// <summary>Every endpoint: the root, health, OpenAPI, each feature's API and the jobs dashboard.</summary>
    public static WebApplication MapCoProduceApi(this WebApplication app)
    {
        app.MapHome();
        app.MapHealth();
        app.MapOpenApi();
        app.MapOrganisations();
        app.MapNetworks();
        app.MapPeople();
        app.MapSignIn();
        app.MapIdentityProviders();
        app.MapInvitations();
        app.MapProjects();
        app.MapAgenda();
        app.MapDecisions();
        app.MapDelivery();
        app.MapFeedback();
        app.MapTrail();
        app.MapMeasures();
        app.MapSurveys();
        app.MapPowerBalance();
        app.MapLive();
        app.MapRecognition();
        app.MapPayers();
        app.MapClaims();
        app.MapMyPayments();
        app.MapRepresentation();
        app.MapLiveSessions();
        app.MapJobsDashboard();
        return app;
    }
}
