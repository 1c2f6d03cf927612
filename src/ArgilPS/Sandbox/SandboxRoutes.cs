using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.Sandbox;

/// <summary>A request as a route's handler sees it: the path's parameters (unescaped), the query and the body.</summary>
internal sealed class SandboxCall
{
    public SandboxCall(string method, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> query, string body,
        IReadOnlyList<KeyValuePair<string, string>>? queryPairs = null)
    {
        Method = method;
        Parameters = parameters;
        Query = query;
        Body = body;
        QueryPairs = queryPairs ?? query.ToList();
    }

    public string Method { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    public string Body { get; }

    /// <summary>Every key and value of the query, in order, a repeated key each time (<c>?type=IMAGE&amp;type=VIDEO</c>); <see cref="Query"/> keeps the last of each.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryPairs { get; }

    /// <summary>Every value of a query key, in order; empty when it is absent.</summary>
    public IReadOnlyList<string> QueryValues(string name) => QueryPairs.Where(p => p.Key == name).Select(p => p.Value).ToList();

    /// <summary>The value of a path parameter, such as <c>id</c> in <c>/avatars/{id}</c>.</summary>
    public string this[string parameter] => Parameters[parameter];
}

internal delegate SandboxAnswer SandboxHandler(SandboxCall call);

/// <summary>A resource of the emulated API: it adds its routes to the table.</summary>
internal interface ISandboxResource
{
    void AddRoutes(SandboxRouteTable routes);
}

internal enum SandboxRouteOutcome
{
    /// <summary>A route has this path and this method.</summary>
    Found,

    /// <summary>Some route has this path, none with this method.</summary>
    MethodNotAllowed,

    /// <summary>No route has this path.</summary>
    NotFound,
}

/// <summary>What the route table found for a method and a path.</summary>
internal sealed class SandboxRouteMatch
{
    public SandboxRouteMatch(SandboxRouteOutcome outcome, string? template, SandboxHandler? handler, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> allowedMethods)
    {
        Outcome = outcome;
        Template = template;
        Handler = handler;
        Parameters = parameters;
        AllowedMethods = allowedMethods;
    }

    public SandboxRouteOutcome Outcome { get; }

    /// <summary>The template of the path that matched, such as <c>/avatars/{id}</c>.</summary>
    public string? Template { get; }

    public SandboxHandler? Handler { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The methods the path takes (for <see cref="SandboxRouteOutcome.MethodNotAllowed"/>).</summary>
    public IReadOnlyList<string> AllowedMethods { get; }
}

/// <summary>
/// The emulated API's routes: (method, path template) → handler. A template is made of literal
/// segments and parameters in braces (<c>/avatars/{id}</c>). Paths are matched segment by segment
/// as they came on the wire, still escaped, so an id holding an escaped slash (<c>a%2Fb</c>) stays
/// one segment; a parameter's value is unescaped afterwards. Where several templates fit a path,
/// the one with more literal segments wins (<c>/voices/sync</c> before <c>/voices/{id}</c>).
/// </summary>
internal sealed class SandboxRouteTable
{
    private readonly List<Route> _routes = new();

    private sealed class Route
    {
        public Route(string method, string template, string[] segments, SandboxHandler handler)
        {
            Method = method;
            Template = template;
            Segments = segments;
            Handler = handler;
        }

        public string Method { get; }
        public string Template { get; }
        public string[] Segments { get; }
        public SandboxHandler Handler { get; }
        public int Literals => Segments.Count(s => !IsParameter(s));
    }

    /// <summary>Adds a route. Methods are upper case, as HTTP spells them; a route is added once.</summary>
    public SandboxRouteTable Map(string method, string template, SandboxHandler handler)
    {
        if (method.Length == 0 || method.ToUpperInvariant() != method) throw new ArgumentException($"'{method}' is not an upper-case HTTP method.", nameof(method));
        var segments = Split(template) ?? throw new ArgumentException($"'{template}' is not a path template such as /avatars/{{id}}.", nameof(template));
        foreach (var s in segments)
        {
            if (s.Length == 0 || (s.IndexOfAny(new[] { '{', '}' }) >= 0 && !IsParameter(s)))
                throw new ArgumentException($"'{template}' has an empty or malformed segment.", nameof(template));
        }
        if (_routes.Any(r => r.Method == method && Shape(r.Segments) == Shape(segments)))
            throw new InvalidOperationException($"{method} {template} is already routed.");
        _routes.Add(new Route(method, template, segments, handler));
        return this;
    }

    /// <summary>Every route, as "METHOD /template".</summary>
    public IReadOnlyList<string> Routes => _routes.Select(r => r.Method + " " + r.Template).ToList();

    /// <summary>Looks up a path relative to the API's base (such as <c>/avatars/a%2Fb</c>, still escaped).</summary>
    public SandboxRouteMatch Match(string method, string escapedPath)
    {
        var segments = Split(escapedPath);
        var candidates = new List<(Route Route, Dictionary<string, string> Parameters)>();
        if (segments is not null)
        {
            foreach (var route in _routes)
            {
                var parameters = Bind(route.Segments, segments);
                if (parameters is not null) candidates.Add((route, parameters));
            }
        }
        if (candidates.Count == 0)
            return new SandboxRouteMatch(SandboxRouteOutcome.NotFound, null, null, Empty, Array.Empty<string>());
        var withMethod = candidates.Where(c => c.Route.Method == method).OrderByDescending(c => c.Route.Literals).ToList();
        if (withMethod.Count > 0)
        {
            var best = withMethod[0];
            return new SandboxRouteMatch(SandboxRouteOutcome.Found, best.Route.Template, best.Route.Handler, best.Parameters, new[] { method });
        }
        var closest = candidates.OrderByDescending(c => c.Route.Literals).First().Route;
        var allowed = candidates.Where(c => Shape(c.Route.Segments) == Shape(closest.Segments)).Select(c => c.Route.Method).Distinct().OrderBy(m => m, StringComparer.Ordinal).ToList();
        return new SandboxRouteMatch(SandboxRouteOutcome.MethodNotAllowed, closest.Template, null, Empty, allowed);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static Dictionary<string, string>? Bind(string[] template, string[] path)
    {
        if (template.Length != path.Length) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            if (path[i].Length == 0) return null;
            if (IsParameter(template[i])) parameters[template[i].Substring(1, template[i].Length - 2)] = Uri.UnescapeDataString(path[i]);
            else if (!string.Equals(template[i], path[i], StringComparison.Ordinal)) return null;
        }
        return parameters;
    }

    /// <summary>The segments of a path: one leading slash and one trailing slash are optional; null for a path that does not start with a slash.</summary>
    private static string[]? Split(string path)
    {
        if (!path.StartsWith("/", StringComparison.Ordinal)) return null;
        var inner = path.Substring(1);
        if (inner.EndsWith("/", StringComparison.Ordinal)) inner = inner.Substring(0, inner.Length - 1);
        return inner.Length == 0 ? Array.Empty<string>() : inner.Split('/');
    }

    private static bool IsParameter(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}' && segment.IndexOfAny(new[] { '{', '}', '/' }, 1, segment.Length - 2) < 0;

    /// <summary>The template with its parameters' names left out: /avatars/{id} and /avatars/{avatarId} are the same path.</summary>
    private static string Shape(string[] segments) => string.Join("/", segments.Select(s => IsParameter(s) ? "{}" : s));
}
