package io.orca.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a documented command without running it: the project's scripts it names exist (and are executable),
 * {@code orca} subcommands and options exist in Orca's command line, {@code mvn} works on a fresh machine (no
 * offline mode) and names existing tests, and output redirected into the project goes to a folder a fresh clone has.
 * Programs that are not the project's (npm, kubectl, java, hyperfine...) are not checked.
 */
final class StaticChecks {
    private final Set<String> files;
    private final Set<String> dirs;
    private final Set<String> executables;
    private final Set<String> testClasses;
    private final Supplier<CommandLine> orca;

    /**
     * @param files       the project's files as a fresh clone has them (paths relative to its root, '/'-separated)
     * @param executables those of {@code files} that are executable
     * @param testClasses the fully qualified names of the test classes (src/test/java)
     * @param orca        Orca's command line, every command registered
     */
    StaticChecks(Set<String> files, Set<String> executables, Set<String> testClasses, Supplier<CommandLine> orca) {
        this.files = files;
        this.executables = executables;
        this.testClasses = testClasses;
        this.orca = orca;
        Set<String> d = new TreeSet<>();
        d.add("");
        for (String f : files) {
            for (int k = f.indexOf('/'); k > 0; k = f.indexOf('/', k + 1)) d.add(f.substring(0, k));
        }
        this.dirs = d;
    }

    /** Whether an inline code span is a command of the project (and so checked), not a name or a path. */
    boolean isProjectCommand(String span) {
        List<Shell.Command> commands = Shell.parse(span, true);
        if (commands.isEmpty()) return false;
        List<String> w = commands.get(0).words();
        if (w.isEmpty()) return false;
        String p = w.get(0);
        if (p.equals("./orca") || p.equals(".ci/run") || p.equals("mvn")) return true;
        if (p.equals("orca")) return w.size() > 1 && w.get(1).matches("-.*|[a-z][a-z-]*");
        if (p.equals("python3")) return w.size() > 1 && isProjectPath(w.get(1));
        if (isProjectPath(p) && !p.endsWith("/") && !p.contains(":")) {
            return w.size() > 1 || p.startsWith("scripts/") || p.matches(".*\\.(sh|py)") || executables.contains(p);
        }
        return false;
    }

    /** Problems with the commands of {@code text} (a block or a span), each naming the command. */
    List<String> check(String text, boolean placeholders) {
        List<String> problems = new ArrayList<>();
        for (Shell.Command c : Shell.parse(text, placeholders)) {
            List<String> w = c.words();
            for (String target : c.redirectTargets()) checkTarget(target, problems);
            if (w.isEmpty()) continue;
            String p = w.get(0);
            if (p.equals("./orca") || p.equals("orca")) {
                if (p.equals("./orca")) checkScript("orca", problems);
                checkOrca(w.subList(1, w.size()), problems);
            } else if (p.equals("mvn")) {
                checkMaven(w, problems);
            } else if (p.equals("python3") && w.size() > 1 && isProjectPath(w.get(1))) {
                if (!files.contains(w.get(1))) problems.add(w.get(1) + " does not exist");
            } else if (isProjectPath(p) && !p.endsWith("/")) {
                checkScript(p, problems);
            }
        }
        return problems;
    }

    private boolean isProjectPath(String word) {
        String w = word.startsWith("./") ? word.substring(2) : word;
        int slash = w.indexOf('/');
        return slash > 0 && dirs.contains(w.substring(0, slash)) && !w.contains("$") && !w.contains("*");
    }

    private void checkScript(String path, List<String> problems) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        if (!files.contains(p)) problems.add(p + " does not exist in the repository");
        else if (!executables.contains(p)) problems.add(p + " is not executable (git update-index --chmod=+x " + p + ")");
    }

    private void checkTarget(String target, List<String> problems) {
        if (target.startsWith("/") || target.startsWith("~") || target.contains("$") || target.equals("-")) return;
        String t = target.startsWith("./") ? target.substring(2) : target;
        int slash = t.lastIndexOf('/');
        String dir = slash < 0 ? "" : t.substring(0, slash);
        if (!dirs.contains(dir)) {
            problems.add("writes to " + target + ", but a fresh clone has no folder " + dir + "/ (add it to the "
                    + "repository, e.g. with a .gitkeep, or create it first)");
        }
    }

    private void checkMaven(List<String> w, List<String> problems) {
        for (String a : w) {
            if (a.equals("-o") || a.equals("--offline")) {
                problems.add("mvn " + a + " (offline) fails on a fresh machine: its local repository is empty; drop " + a);
            }
            if (a.startsWith("-Dtest=")) {
                for (String pattern : a.substring("-Dtest=".length()).split(",")) {
                    String cls = pattern.replaceAll("#.*", "").strip();
                    if (cls.isEmpty() || cls.startsWith("!")) continue;
                    Pattern re = Pattern.compile(globToRegex(cls));
                    boolean any = testClasses.stream().anyMatch(t -> re.matcher(t).matches()
                            || re.matcher(t.substring(t.lastIndexOf('.') + 1)).matches());
                    if (!any) problems.add("-Dtest=" + cls + " matches no test class in src/test/java");
                }
            }
        }
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '/' ) {
                re.append("\\.");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** Walks the words through Orca's command tree: subcommands first, then options (values skipped). */
    private void checkOrca(List<String> args, List<String> problems) {
        CommandLine cl = orca.get();
        String path = "orca";
        boolean positionals = false;
        for (int i = 0; i < args.size(); i++) {
            String a = strip(args.get(i));
            if (a.isEmpty()) continue;
            if (a.equals("--")) break;
            if (a.startsWith("-") && a.length() > 1) {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                OptionSpec o = option(cl.getCommandSpec(), name);
                if (o == null) {
                    problems.add("unknown option '" + name + "' for '" + path + "' (its options: " + options(cl.getCommandSpec()) + ")");
                    continue;
                }
                if (!a.contains("=") && o.arity().max() > 0 && !o.typeInfo().isBoolean()) i++; // its value
                continue;
            }
            CommandLine sub = positionals ? null : cl.getSubcommands().get(a);
            if (sub != null) {
                cl = sub;
                path += " " + a;
                continue;
            }
            if (!positionals && !cl.getSubcommands().isEmpty() && cl.getCommandSpec().positionalParameters().isEmpty()) {
                problems.add("'" + path + "' has no command '" + a + "' (its commands: "
                        + String.join(", ", cl.getSubcommands().keySet()) + ")");
                return;
            }
            positionals = true;
        }
    }

    /** Documentation's synopsis marks: [optional], ... (repeatable). */
    private static String strip(String word) {
        return word.replaceAll("^\\[+", "").replaceAll("[\\]]+$", "").replaceAll("\\.\\.\\.$", "");
    }

    private static OptionSpec option(CommandSpec spec, String name) {
        OptionSpec o = spec.findOption(name);
        if (o != null) return o;
        // clustered short options: -qB
        if (name.matches("-[A-Za-z]{2,}")) {
            for (char c : name.substring(1).toCharArray()) if (spec.findOption("-" + c) == null) return null;
            return spec.findOption("-" + name.charAt(name.length() - 1));
        }
        return null;
    }

    private static String options(CommandSpec spec) {
        return spec.options().stream().map(o -> String.join("/", o.names())).sorted().collect(Collectors.joining(", "));
    }
}
