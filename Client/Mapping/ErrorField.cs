using System.Text.RegularExpressions;

namespace OrleansBots.Contracts.Mapping;

/// <summary>
/// The field a 400's message is about, for the <c>field</c> of the refusal: every such message names the field first
/// ("name is required", "limit must be ...") or quotes it ("Field 'max_bots' has the wrong type", "Unknown field 'x'").
/// Messages about the request as a whole (malformed JSON, an empty body) name none.
/// </summary>
public static partial class ErrorField
{
    /// <summary>The field <paramref name="message"/> is about, or null when it is about the request as a whole.</summary>
    /// <param name="message">A 400's message, e.g. <c>name is required</c>.</param>
    /// <returns>The field's snake_case name, e.g. <c>name</c>.</returns>
    public static string? Of(string message)
    {
        var quoted = QuotedField().Match(message);
        if (quoted.Success)
        {
            return quoted.Groups[1].Value;
        }

        var leading = LeadingField().Match(message);
        return leading.Success ? leading.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^(?:Unknown field|Field) '([^']+)'")]
    private static partial Regex QuotedField();

    // A snake_case word followed by what is wrong with it; lower case only, so sentences ("Request body ...") name none.
    [GeneratedRegex(@"^([a-z][a-z0-9_]*)(?::| (?:is|must|may|has|applies)\b| ')")]
    private static partial Regex LeadingField();
}
