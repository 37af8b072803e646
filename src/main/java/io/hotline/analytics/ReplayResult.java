package io.hotline.analytics;

import java.util.List;

/**
 * One recorded call replayed against a candidate flow set.
 *
 * @param session         the recording
 * @param replayed        the path the candidate flows take with the same keys and outcomes
 * @param firstDifference the 0-based step where the paths part, or -1 when they are the same
 */
public record ReplayResult(RecordedSession session, List<RecordedSession.Step> replayed, int firstDifference) {
    public ReplayResult {
        replayed = List.copyOf(replayed);
    }

    public boolean differs() {
        return firstDifference >= 0;
    }

    /** Compares two paths by node and exit (keys are the same by construction). */
    static int firstDifference(List<RecordedSession.Step> a, List<RecordedSession.Step> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (i >= a.size() || i >= b.size()) {
                return i;
            }
            RecordedSession.Step x = a.get(i);
            RecordedSession.Step y = b.get(i);
            if (!x.where().equals(y.where()) || !x.exit().equals(y.exit())) {
                return i;
            }
        }
        return -1;
    }

    /** The two paths side by side from one step before the difference, the differing rows marked with *. */
    public String render(String candidateLabel) {
        StringBuilder sb = new StringBuilder();
        var s = session;
        sb.append("call ")
                .append(s.callId())
                .append(" (")
                .append(s.startedAt() == null ? "?" : s.startedAt())
                .append(", flows v")
                .append(s.flowVersion())
                .append(", caller ")
                .append(s.callerMasked())
                .append("): the path differs from step ")
                .append(firstDifference + 1)
                .append('\n');
        int width = 46;
        sb.append(String.format(
                "  %4s  %-" + width + "s %s%n",
                "step",
                "recorded (v" + s.flowVersion() + ")",
                "replayed (" + candidateLabel + ")"));
        List<RecordedSession.Step> rec = s.path();
        int from = Math.max(0, firstDifference - 1);
        int to = Math.max(rec.size(), replayed.size());
        for (int i = from; i < to; i++) {
            String a = i < rec.size() ? rec.get(i).toString() : "(ended)";
            String b = i < replayed.size() ? replayed.get(i).toString() : "(ended)";
            boolean same = a.equals(b);
            sb.append(same ? "  " : "* ").append(String.format("%4d  %-" + width + "s %s%n", i + 1, a, b));
        }
        return sb.toString();
    }
}
