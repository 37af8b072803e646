package io.hotline.doctor;

import java.util.Objects;

/**
 * One check's outcome.
 *
 * @param check  a stable id, {@code <area>.<what>} (e.g. {@code ami.channelvars}); areas are {@code ami},
 *               {@code ari}, {@code dialplan}, {@code sounds}, {@code call}
 * @param status ok, warning or problem
 * @param detail what was found, as Asterisk answered it
 * @param fix    how to fix it (naming the Asterisk config file and key where it can); empty when ok
 */
public record Finding(String check, Status status, String detail, String fix) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
        if (!check.matches("[a-z]+\\.[a-z0-9-]+")) {
            throw new IllegalArgumentException("check id must be <area>.<what>: " + check);
        }
    }

    public static Finding ok(String check, String detail) {
        return new Finding(check, Status.OK, detail, "");
    }

    public static Finding warning(String check, String detail, String fix) {
        return new Finding(check, Status.WARNING, detail, fix);
    }

    public static Finding problem(String check, String detail, String fix) {
        return new Finding(check, Status.PROBLEM, detail, fix);
    }

    /** The part of {@link #check} before the dot. */
    public String area() {
        return check.substring(0, check.indexOf('.'));
    }
}
