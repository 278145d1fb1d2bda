using System.CommandLine;

namespace OrleansBots.Cli.Commands;

/// <summary>
/// <c>completion bash|zsh|pwsh</c>: a script that completes commands, options and values by asking the tool itself
/// (System.CommandLine's <c>[suggest]</c> directive), e.g. <c>source &lt;(orleansbots completion bash)</c>.
/// </summary>
public static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print a shell completion script: source <(orleansbots completion bash)") { shell };
        command.RunLocally((_, parse) => Console.Out.Write(parse.GetValue(shell) switch
        {
            "bash" => Bash,
            "zsh" => Zsh,
            _ => PowerShell,
        }));
        return command;
    }

    private const string Bash = """
        _orleansbots_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(orleansbots "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _orleansbots_complete orleansbots

        """;

    private const string Zsh = """
        _orleansbots_complete() {
          local -a suggestions
          suggestions=("${(@f)$(orleansbots "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -- $suggestions
        }
        compdef _orleansbots_complete orleansbots

        """;

    private const string PowerShell = """
        Register-ArgumentCompleter -Native -CommandName orleansbots -ScriptBlock {
          param($wordToComplete, $commandAst, $cursorPosition)
          orleansbots "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
            [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
          }
        }

        """;
}
