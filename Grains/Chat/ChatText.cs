namespace OrleansBots.Chat;

/// <summary>What may go into one chat message: one line (IRC ends a message at a line break) of at most the chat's size.</summary>
public static class ChatText
{
    /// <summary>
    /// Joins the lines of <paramref name="text"/> with spaces and cuts it to <paramref name="maxLength"/> characters,
    /// ending with an ellipsis when it was cut (at a word boundary when one is near).
    /// </summary>
    public static string Fit(string text, int maxLength)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (oneLine.Length <= maxLength)
        {
            return oneLine;
        }

        var cut = oneLine[..(maxLength - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > maxLength * 3 / 4)
        {
            cut = cut[..space];
        }

        return cut.TrimEnd() + "…";
    }
}
