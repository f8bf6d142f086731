using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>The sessions one connection has joined, kept with the connection.</summary>
internal sealed class LiveConnection
{
    private readonly ConcurrentDictionary<Guid, LiveMember> _members = new();

    public static LiveConnection Of(HubCallerContext context)
    {
        lock (context.Items)
        {
            if (context.Items.TryGetValue(typeof(LiveConnection), out var existing) && existing is LiveConnection connection)
            {
                return connection;
            }

            var created = new LiveConnection();
            context.Items[typeof(LiveConnection)] = created;
            return created;
        }
    }

    public void Add(LiveMember member) => _members[member.ProjectId] = member;

    public LiveMember? Find(Guid projectId) => _members.GetValueOrDefault(projectId);

    public LiveMember? Remove(Guid projectId) => _members.TryRemove(projectId, out var member) ? member : null;

    public IReadOnlyList<LiveMember> RemoveAll()
    {
        var all = _members.Values.ToList();
        _members.Clear();
        return all;
    }
}
