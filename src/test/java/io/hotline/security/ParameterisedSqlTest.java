package io.hotline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Parameterised SQL only: no SQL text in the main code is built from a variable. Reads every source file
 * of {@code src/main/java} with a small Java tokenizer (comments skipped, string literals and text blocks
 * as one token) and fails on
 * <ul>
 *   <li>a call that runs SQL ({@code prepareStatement}, {@code execute}, {@code executeQuery},
 *       {@code executeUpdate}, {@code addBatch}, {@code prepareCall}) whose argument concatenates anything
 *       but string literals and constants ({@code UPPER_CASE} names), and</li>
 *   <li>any string literal that reads like SQL concatenated with a variable or a method call, wherever it
 *       is (so building the text first and passing it later is caught as well);</li>
 *   <li>{@code String.format} / {@code formatted} on SQL text.</li>
 * </ul>
 * The few places that must splice an identifier (a database name in {@code CREATE DATABASE}, which cannot
 * be a parameter) are listed below with the reason it is safe.
 */
@DisplayName("SQL is parameterised")
class ParameterisedSqlTest {
    private static final Pattern SQL = Pattern.compile(
            "\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|VALUES|CREATE|DROP|ALTER|TRUNCATE|GRANT)\\b");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final List<String> SQL_CALLS = List.of("prepareStatement", "prepareCall", "execute", "executeQuery",
            "executeUpdate", "addBatch");

    /** file name → the variable spliced there, and why it is safe. */
    private static final Map<String, String> ALLOWED = Map.of(
            "ScratchDatabases.java:name", "the database name is generated ('scratch_' + a counter); "
                    + "CREATE DATABASE takes no parameters",
            "Users.java:where", "a private helper whose callers pass fixed column conditions ('login = ?'), "
                    + "the value itself is bound as a parameter",
            "Wallet.java:where", "a private helper whose callers pass fixed conditions ('msisdn = ?', 'id = ?'), "
                    + "values bound by the caller's binder",
            "TicketWork.java:where", "chooses between two fixed fragments ('' or ' AND queue = ANY (?)'), the "
                    + "queues bound as an array parameter");

    record Token(String kind, String text, int line) {
    }

    @Test
    @DisplayName("no SQL in the main code is concatenated with a variable, a method call or String.format")
    void noSqlBuiltFromVariables() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(Path.of("src/main/java"))) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                problems.addAll(check(p.getFileName().toString(), tokens(Files.readString(p))));
            }
        }
        assertThat(files).isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("the checker itself finds concatenated, formatted and pre-built SQL")
    void checkerFindsViolations() {
        String src = """
                class X {
                    void a(Connection c, String id) {
                        c.prepareStatement("SELECT * FROM t WHERE id = " + id);
                        String sql = "DELETE FROM t WHERE name = '" + name() + "'";
                        c.createStatement().execute(String.format("UPDATE t SET a = %s", id));
                        c.prepareStatement("SELECT " + COLUMNS + " FROM t WHERE id = ?"); // fine
                        // c.prepareStatement("SELECT " + comment);
                    }
                }""";
        List<String> found = check("X.java", tokens(src));
        assertThat(found).hasSize(3);
        assertThat(found.get(0)).contains("X.java:3").contains("id");
        assertThat(found.get(1)).contains("X.java:4").contains("name");
        assertThat(found.get(2)).contains("X.java:5").contains("format");
    }

    static List<String> check(String file, List<Token> t) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind.equals("id") && SQL_CALLS.contains(tok.text) && i + 1 < t.size() && t.get(i + 1).text.equals("(")
                    && i > 0 && t.get(i - 1).text.equals(".")) {
                List<Token> args = argument(t, i + 1);
                boolean concatenated = args.stream().anyMatch(a -> a.text.equals("+"));
                boolean formatted = args.stream().anyMatch(a -> a.text.equals("format") || a.text.equals("formatted"));
                if (formatted) {
                    problems.add(file + ":" + tok.line + ": SQL built with String.format");
                } else if (concatenated) {
                    for (int k = 0; k < args.size(); k++) {
                        Token a = args.get(k);
                        if (a.kind.equals("id") && !constantLike(args, k)) {
                            report(problems, file, a, "SQL concatenated with '" + a.text + "'");
                        }
                    }
                }
            }
            if (tok.kind.equals("str") && SQL.matcher(tok.text).find()) {
                // operand on the right: "... " + x
                if (i + 2 < t.size() && t.get(i + 1).text.equals("+")) {
                    Token next = t.get(i + 2);
                    if (next.kind.equals("id") && !constantLike(t, i + 2)) {
                        report(problems, file, next, "SQL text concatenated with '" + next.text + "'");
                    }
                }
                // operand on the left: x + " ..."
                if (i >= 2 && t.get(i - 1).text.equals("+")) {
                    Token prev = t.get(i - 2);
                    if (prev.text.equals(")")) {
                        report(problems, file, prev, "SQL text concatenated with a method call's result");
                    } else if (prev.kind.equals("id") && !CONSTANT.matcher(prev.text).matches()) {
                        report(problems, file, prev, "SQL text concatenated with '" + prev.text + "'");
                    }
                }
                if (i + 2 < t.size() && t.get(i + 1).text.equals(".") && t.get(i + 2).text.equals("formatted")) {
                    problems.add(file + ":" + tok.line + ": SQL built with formatted()");
                }
            }
        }
        // one report per line
        var seen = new java.util.HashSet<String>();
        return problems.stream().filter(p -> seen.add(p.substring(0, p.indexOf(": ")))).toList();
    }

    private static void report(List<String> problems, String file, Token at, String what) {
        if (!ALLOWED.containsKey(file + ":" + at.text)) {
            problems.add(file + ":" + at.line + ": " + what);
        }
    }

    /** A constant ({@code COLUMNS}, {@code EmbeddedCluster.DATABASE}) or a class name qualifying one. */
    private static boolean constantLike(List<Token> t, int k) {
        String s = t.get(k).text;
        if (CONSTANT.matcher(s).matches()) {
            return k + 1 >= t.size() || !t.get(k + 1).text.equals("(");
        }
        // Class.CONSTANT
        return Character.isUpperCase(s.charAt(0)) && k + 2 < t.size() && t.get(k + 1).text.equals(".")
                && CONSTANT.matcher(t.get(k + 2).text).matches();
    }

    /** The tokens between the parenthesis at {@code open} and its match. */
    private static List<Token> argument(List<Token> t, int open) {
        int depth = 0;
        List<Token> out = new ArrayList<>();
        for (int i = open; i < t.size(); i++) {
            String s = t.get(i).text;
            if (s.equals("(")) {
                depth++;
                if (depth == 1) {
                    continue;
                }
            } else if (s.equals(")")) {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
            out.add(t.get(i));
        }
        return out;
    }

    /** Java tokens: identifiers, string/char literals (text blocks included), single-character punctuation. */
    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.add(new Token("str", src.substring(i, end), line));
                line += count(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Token("str", src.substring(i, Math.min(n, j + 1)), line));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
                    j++;
                }
                out.add(new Token("id", src.substring(i, j), line));
                i = j;
            } else {
                out.add(new Token("punct", String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
