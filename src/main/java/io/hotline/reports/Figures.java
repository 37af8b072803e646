package io.hotline.reports;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queue figures of a set of queue segments (README "Report figures" defines each one; the console,
 * the wallboard, the CLI and Prometheus show these same numbers).
 *
 * @param offered            queue segments entered (a call moved to a second queue is offered in both)
 * @param answered           segments an agent answered
 * @param answeredInTarget   answered within the queue's service-level target
 * @param abandoned          left unanswered (hung up, timed out, no agents) after at least the short-abandon time
 * @param abandonedInTarget  of those, the ones that left within the target
 * @param shortAbandoned     left unanswered sooner than the short-abandon time
 * @param waiting            still waiting when read
 * @param transfers          answered segments the agent transferred on
 * @param callbacks          callbacks offered instead of waiting (none yet: Hotline has no callbacks)
 * @param answeredWaitSum    seconds waited by the answered segments
 * @param handled            answered segments whose conversation has ended
 * @param handleSum          talk + hold + after-call-work seconds of the handled ones
 * @param dispositions       per disposition agents chose on the tickets of these calls
 */
public record Figures(
        int offered,
        int answered,
        int answeredInTarget,
        int abandoned,
        int abandonedInTarget,
        int shortAbandoned,
        int waiting,
        int transfers,
        int callbacks,
        long answeredWaitSum,
        int handled,
        long handleSum,
        Map<String, Integer> dispositions) {
    public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public Figures {
        dispositions = Map.copyOf(dispositions);
    }

    /** Counts the segments against the rules; dispositions as given. */
    public static Figures of(
            Collection<QueueCall.Segment> segments, ReportRules rules, Map<String, Integer> dispositions) {
        int offered = 0, answered = 0, inTarget = 0, abandoned = 0, abandonedInTarget = 0, shortAb = 0, waiting = 0;
        int transfers = 0, handled = 0;
        long waitSum = 0, handleSum = 0;
        long shortLimit = rules.shortAbandon().toSeconds();
        for (QueueCall.Segment s : segments) {
            offered++;
            long target = rules.targetSeconds(s.queue());
            switch (s.outcome()) {
                case ANSWERED -> {
                    answered++;
                    waitSum += s.waitSeconds();
                    if (s.waitSeconds() <= target) {
                        inTarget++;
                    }
                    if (s.transferred()) {
                        transfers++;
                    }
                    if (s.completed()) {
                        handled++;
                        handleSum += s.talkSeconds() + s.wrapSeconds(); // talk includes hold (app_queue counts it)
                    }
                }
                case ABANDONED, LEFT -> {
                    if (s.waitSeconds() < shortLimit) {
                        shortAb++;
                    } else {
                        abandoned++;
                        if (s.waitSeconds() <= target) {
                            abandonedInTarget++;
                        }
                    }
                }
                case WAITING -> waiting++;
            }
        }
        return new Figures(
                offered,
                answered,
                inTarget,
                abandoned,
                abandonedInTarget,
                shortAb,
                waiting,
                transfers,
                0,
                waitSum,
                handled,
                handleSum,
                new TreeMap<>(dispositions));
    }

    /**
     * Answered within the target / (answered + abandoned after the target), 0..1; null when there is
     * nothing to measure.
     */
    public Double serviceLevel() {
        int base = answered + abandoned - abandonedInTarget;
        return base == 0 ? null : (double) answeredInTarget / base;
    }

    /** Average speed of answer: mean seconds waited by the answered; null when none was answered. */
    public Double asa() {
        return answered == 0 ? null : (double) answeredWaitSum / answered;
    }

    /** Average handle time: mean talk + hold + after-call work of the handled; null when none. */
    public Double aht() {
        return handled == 0 ? null : (double) handleSum / handled;
    }

    /** Abandoned / (offered - short abandons - still waiting), 0..1; null when nothing was offered. */
    public Double abandonRate() {
        int base = offered - shortAbandoned - waiting;
        return base <= 0 ? null : (double) abandoned / base;
    }
}
