namespace CoProduce.Gateway.Invitations;

/// <summary>
/// Where invitation links point (<see cref="InvitationsApi.LinkBaseSetting"/>). Outside Production a missing base
/// falls back to the local install's address; in Production the gateway refuses to start without one, since links
/// to localhost would reach nobody, and a base taken from requests could point codes at someone else's site.
/// </summary>
public sealed class InvitationLinkOptions
{
    public const string Section = "CoProduce:Invitations";

    /// <summary>The public address people open invitation links at, e.g. https://coproduce.example.org.</summary>
    public string? LinkBase { get; set; }

    public static string Refusal(string environment) =>
        $"Setting '{InvitationsApi.LinkBaseSetting}' (environment variable CoProduce__Invitations__LinkBase) must be the absolute "
        + $"http(s) address people open invitation links at, e.g. https://coproduce.example.org (required in Production; environment {environment}).";

    /// <summary>Whether <paramref name="linkBase"/> may be used: an absolute http or https address.</summary>
    public static bool IsValid(string? linkBase) =>
        Uri.TryCreate(linkBase, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Checks the invitation link base at start-up.</summary>
public static class InvitationLinkSetup
{
    public static WebApplicationBuilder AddInvitationLinks(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<InvitationLinkOptions>()
            .BindConfiguration(InvitationLinkOptions.Section)
            .Validate(o => o.LinkBase is { Length: > 0 } ? InvitationLinkOptions.IsValid(o.LinkBase) : !environment.IsProduction(), InvitationLinkOptions.Refusal(environment.EnvironmentName))
            .ValidateOnStart();
        return builder;
    }
}
