using CoProduce.Gateway.Api;
using CoProduce.Grains.Recognition;

namespace CoProduce.Gateway.Recognition;

/// <summary>Your consent to be recognised for one project.</summary>
/// <param name="Name">The name to print in the credits and on the certificate, as you want it (up to 200 characters).</param>
/// <param name="Credits">Be named in the credits of the project's outputs.</param>
/// <param name="Certificate">Have a certificate of involvement for the project.</param>
[ApiExample("""{"name":"Ada L.","credits":true,"certificate":true}""")]
public sealed record RecognitionConsentRequest(string Name, bool Credits, bool Certificate);

/// <summary>A session held, with who came and how long it lasted.</summary>
/// <param name="Title">What the session was, e.g. "Workshop 2: night-time calls".</param>
/// <param name="HeldOn">The day it was held (yyyy-MM-dd), not in the future.</param>
/// <param name="Hours">How long it lasted, more than 0 and at most 24.</param>
/// <param name="Attendees">The person ids of those who came (1-200), each taking part in the project.</param>
[ApiExample("""{"title":"Workshop 2: night-time calls","heldOn":"2026-11-20","hours":2.5,"attendees":["7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d"]}""")]
public sealed record SessionRequest(string Title, DateOnly HeldOn, decimal Hours, IReadOnlyList<Guid> Attendees)
{
    public SessionSpec ToSpec() => new(Title, HeldOn, Hours, Attendees);
}
