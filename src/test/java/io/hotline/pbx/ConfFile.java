package io.hotline.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Asterisk configuration file from {@code docker/asterisk/}, with the few values a local
 * install must change (paths, bind addresses, ports, secrets) set by section and key. Everything
 * else stays as shipped, comments included, so the lab runs the project's own configuration.
 */
final class ConfFile {
    private final String name;
    private final List<String> lines;

    private ConfFile(String name, List<String> lines) {
        this.name = name;
        this.lines = new ArrayList<>(lines);
    }

    static ConfFile read(Path file) throws IOException {
        return new ConfFile(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Sets {@code key} in {@code [section]} (the first section of that name; a template suffix such
     * as {@code (!)} or {@code (hotline-queue)} is ignored): the existing {@code key = value} or
     * {@code key => value} line is replaced, or a line is added after the header. Fails when the
     * section does not exist, so a renamed section in the shipped file is noticed.
     */
    ConfFile set(String section, String key, String value) {
        int header = header(section);
        int i = header + 1;
        for (; i < lines.size() && !lines.get(i).stripLeading().startsWith("["); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(key) && l.substring(key.length()).stripLeading().startsWith("=")) {
                String op = l.substring(key.length()).stripLeading().startsWith("=>") ? " => " : " = ";
                lines.set(i, key + op + value + "   ; set for the lab");
                return this;
            }
        }
        lines.add(header + 1, key + " = " + value + "   ; set for the lab");
        return this;
    }

    /** Removes every {@code key} line of {@code [section]}. */
    ConfFile remove(String section, String key) {
        int header = header(section);
        for (int i = header + 1;
                i < lines.size() && !lines.get(i).stripLeading().startsWith("[");
                i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(key) && l.substring(key.length()).stripLeading().startsWith("=")) {
                lines.remove(i--);
            }
        }
        return this;
    }

    /** Appends lines (test-only additions, e.g. an {@code #include}). */
    ConfFile append(String... more) {
        lines.add("");
        lines.addAll(List.of(more));
        return this;
    }

    private int header(String section) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("[" + section + "]")) {
                return i;
            }
        }
        throw new IllegalStateException(name + " has no [" + section + "] section");
    }

    void write(Path dir) throws IOException {
        Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }
}
