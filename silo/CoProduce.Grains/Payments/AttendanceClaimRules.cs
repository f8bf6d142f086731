using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Grains.Live;

namespace CoProduce.Grains.Payments;

/// <summary>How a live session's attendance becomes a claim: its id, its quantity by the rate's unit, and its note.</summary>
internal static class AttendanceClaimRules
{
    /// <summary>
    /// One claim id per session and person, the same every time it is worked out, so the claims table's primary key
    /// itself makes a second claim for one person's time in one session impossible.
    /// </summary>
    public static Guid ClaimId(Guid sessionId, Guid personId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"attendance:{sessionId:D}:{personId:D}")).AsSpan(0, 16));

    /// <summary>
    /// Hours present rounded up to the payer's step (<see cref="PaymentPolicy.AttendanceMinutes"/>; part of a step is
    /// paid as a whole one); a session or a day is one, however long. Nothing when the person was present for no time.
    /// </summary>
    public static decimal? Quantity(RateUnit unit, double secondsPresent, int stepMinutes) => secondsPresent <= 0
        ? null
        : unit == RateUnit.Hour ? Math.Ceiling((decimal)secondsPresent / (stepMinutes * 60m)) * stepMinutes / 60m : 1m;

    public static string Note(LiveSessionView session, SessionAttendee attendee) => string.Create(
        CultureInfo.InvariantCulture,
        $"Live session of {session.OpenedAt:yyyy-MM-dd}: {Math.Ceiling(attendee.SecondsPresent / 60):0} minutes present.");
}
