package io.orca.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code orca completion bash|zsh|fish}: a completion script for the whole command tree, every command registered
 * (Main registers them all for this command). bash and zsh share picocli's script (it loads bashcompinit under zsh);
 * fish gets {@code complete} lines made here from the same model.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for orca (bash, zsh or fish).",
        footer = {"", "Examples:",
                "  source <(orca completion bash)                      # bash, this shell",
                "  orca completion bash > ~/.local/share/bash-completion/completions/orca",
                "  orca completion zsh > \"${fpath[1]}/_orca\"          # zsh (or: source <(orca completion zsh))",
                "  orca completion fish > ~/.config/fish/completions/orca.fish",
                "", "Exit codes: 0, 2 usage error (an unknown shell)."})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish")
    String shell;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        switch (shell) {
            case "bash", "zsh" -> Cli.out().print(AutoComplete.bash("orca", root));
            case "fish" -> Cli.out().print(fish(root));
            default -> {
                return Cli.usageError("unknown shell '" + shell + "'; use bash, zsh or fish");
            }
        }
        Cli.out().flush();
        return Cli.EXIT_OK;
    }

    /** fish: each command offered after its parent's path, each option after its command's path. */
    static String fish(CommandLine root) {
        StringBuilder sb = new StringBuilder("# orca completion for fish: orca completion fish > ~/.config/fish/completions/orca.fish\n");
        sb.append("complete -c orca -f\n");
        walk(root, new ArrayList<>(), sb);
        return sb.toString();
    }

    private static void walk(CommandLine cl, List<String> path, StringBuilder sb) {
        String condition = condition(cl, path);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            sb.append("complete -c orca -n ").append(quote(condition)).append(" -a ").append(quote(e.getKey()))
                    .append(" -d ").append(quote(first(e.getValue().getCommandSpec().usageMessage().description()))).append('\n');
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.hidden()) continue;
            sb.append("complete -c orca -n ").append(quote(condition));
            for (String name : o.names()) {
                if (name.startsWith("--")) sb.append(" -l ").append(name.substring(2));
                else if (name.startsWith("-")) sb.append(" -s ").append(name.substring(1));
            }
            if (o.arity().max() > 0) sb.append(o.paramLabel().equals("DIR") || o.paramLabel().equals("KEYFILE") ? " -r -F" : " -r");
            sb.append(" -d ").append(quote(first(o.description()))).append('\n');
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            walk(e.getValue(), next, sb);
        }
    }

    /** The fish condition "the command line is at {@code path}": its words seen, and none of its subcommands yet. */
    private static String condition(CommandLine cl, List<String> path) {
        List<String> parts = new ArrayList<>();
        if (path.isEmpty()) parts.add("__fish_use_subcommand");
        for (String p : path) parts.add("__fish_seen_subcommand_from " + p);
        if (!path.isEmpty() && !cl.getSubcommands().isEmpty()) {
            parts.add("not __fish_seen_subcommand_from " + String.join(" ", cl.getSubcommands().keySet()));
        }
        return String.join("; and ", parts);
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? "" : lines[0];
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
