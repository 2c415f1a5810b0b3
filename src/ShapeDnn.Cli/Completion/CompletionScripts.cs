namespace ShapeDnn.Cli.Completion;

/// <summary>
/// Shell scripts that complete <c>shapednn</c> command lines. Each asks shapednn itself, through
/// System.CommandLine's <c>[suggest:POSITION] "LINE"</c> directive, what may come at the cursor, so
/// the completions always match the installed version's commands, options and option values.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script exists for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    /// <summary>The script for <paramref name="shell"/> (one of <see cref="Shells"/>).</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    };

    private const string Bash = """
        # shapednn completion for bash. Load it with: source <(shapednn completion bash)   (e.g. in ~/.bashrc)
        _shapednn_complete()
        {
            local IFS=$'\n'
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            COMPREPLY=( $(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _shapednn_complete shapednn
        """;

    private const string Zsh = """
        #compdef shapednn
        # shapednn completion for zsh. Load it with: source <(shapednn completion zsh)   (e.g. in ~/.zshrc, after compinit)
        _shapednn() {
            local line="${words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            compadd -- "${candidates[@]}"
        }
        compdef _shapednn shapednn
        """;

    private const string PowerShell = """
        # shapednn completion for PowerShell. Load it with: shapednn completion pwsh | Out-String | Invoke-Expression   (e.g. in $PROFILE)
        Register-ArgumentCompleter -Native -CommandName shapednn -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            & shapednn "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;
}
