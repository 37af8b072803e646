package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off to a person: writes (or updates) the call's ticket within the ticket budget, mostly while the
 * caller hears the hold prompt, then orders the call into the queue with what the agent's screen pop needs
 * ({@link QueueHandoff}); and the fallback queue when the flow itself fails. A ticket that cannot be written in
 * time never keeps the caller from the queue. One call's thread only.
 */
final class QueueStep {
    private static final Logger log = LoggerFactory.getLogger(QueueStep.class);

    private final Call call;
    private final TicketDesk tickets;
    private final EngineOptions options;
    private final ExecutorService actionThreads;
    private final CallState state;
    private final Consumer<Prompt> play;
    private final CallbackStep callback;
    private final CalendarStep calendar;

    QueueStep(
            Call call,
            TicketDesk tickets,
            EngineOptions options,
            ExecutorService actionThreads,
            CallState state,
            Consumer<Prompt> play,
            CallbackStep callback,
            CalendarStep calendar) {
        this.calendar = calendar;
        this.call = call;
        this.callback = callback;
        this.tickets = tickets;
        this.options = options;
        this.actionThreads = actionThreads;
        this.state = state;
        this.play = play;
    }

    CallEnding run(Node.Queue q) {
        if (calendar.closed(q)) {
            return closed(q);
        }
        String ref;
        if (q.prompt() != null && q.prompt().readsVariable("ticket.")) {
            ref = writeTicket(q.category(), q.queue(), q.priority()); // the prompt reads the ticket out
            play.accept(q.prompt());
        } else {
            // the ticket is written while the caller hears the hold prompt, which says nothing of it
            long t0 = System.nanoTime();
            Future<String> ticket = startTicket(q.category(), q.queue(), q.priority());
            try {
                play.accept(q.prompt());
            } catch (CallEnded e) {
                awaitTicket(ticket, t0); // the record of the hang-up then names the ticket, as it would have
                throw e;
            }
            ref = awaitTicket(ticket, t0);
        }
        var booked = callback.offer(q, ref);
        if (booked.isPresent()) {
            return booked.get();
        }
        handOff(q.queue(), q.priority(), q.category(), ref);
        state.leaveCurrentNode("queued " + q.queue());
        return new CallEnding(CallEnding.Reason.QUEUED, q.queue(), ref, ref.isEmpty() ? "ticket not written" : "");
    }

    /**
     * The queue is closed: the ticket is written to the queue (its context says when the caller will be contacted,
     * {@code hours.next_at}); the caller may be offered a callback when it opens ({@code callback.when-closed});
     * else the closed prompt reads the reference and the time out, and the call ends; nobody waits in a queue no
     * agent works.
     */
    private CallEnding closed(Node.Queue q) {
        state.vars.put("hours.contact_after", state.vars.getOrDefault("hours.next_at", ""));
        String ref = writeTicket(q.category(), q.queue(), q.priority());
        var booked = callback.offerWhenClosed(q, ref);
        if (booked.isPresent()) {
            return booked.get(); // called back once the queue opens
        }
        play.accept(q.closed());
        state.leaveCurrentNode("closed " + q.queue());
        call.hangup();
        return new CallEnding(
                CallEnding.Reason.HANGUP,
                "",
                ref,
                "queue " + q.queue() + " closed" + (ref.isEmpty() ? "; ticket not written" : ""));
    }

    /** When the flow itself fails, the caller still reaches a person. */
    CallEnding fallback(String why) {
        String queue = options.fallbackQueue();
        String ref = writeTicket("general", queue, 0);
        handOff(queue, 0, "general", ref);
        return new CallEnding(CallEnding.Reason.ERROR, queue, ref, why);
    }

    /** {@link #fallback}, and when even that fails, hangs up: the ending says why either way. */
    CallEnding fallbackQuietly(String why) {
        try {
            return fallback(why);
        } catch (CallEnded e) {
            return new CallEnding(CallEnding.Reason.CALLER_HANGUP, "", "", why);
        } catch (RuntimeException e) {
            log.warn("fallback to {} failed too: {}", options.fallbackQueue(), ActionRunner.describe(e));
            call.hangup();
            return new CallEnding(CallEnding.Reason.ERROR, "", "", why);
        }
    }

    private String writeTicket(String category, String queue, int priority) {
        return awaitTicket(startTicket(category, queue, priority), System.nanoTime());
    }

    private Future<String> startTicket(String category, String queue, int priority) {
        var snap = state.snapshot();
        return actionThreads.submit(() -> tickets.openOrUpdate(snap, category, queue, priority));
    }

    /** The ticket's reference once written, within the ticket budget counted from {@code startNanos}; else "". */
    private String awaitTicket(Future<String> f, long startNanos) {
        long left = Math.max(0, options.ticketBudget().toNanos() - (System.nanoTime() - startNanos));
        try {
            String ref = f.get(left, TimeUnit.NANOSECONDS);
            state.vars.put("ticket.ref", ref);
            return ref;
        } catch (TimeoutException e) {
            // not interrupted: that would close its pooled connection; a ticket written late is still the
            // agent's (found by the call), and the caller was told nothing of it
            f.cancel(false);
            log.warn(
                    "ticket not written within {} ms; queueing without it",
                    options.ticketBudget().toMillis());
        } catch (ExecutionException e) {
            log.warn("ticket not written: {}; queueing without it", ActionRunner.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelephonyException("call thread interrupted");
        }
        return "";
    }

    private void handOff(String queue, int priority, String category, String ref) {
        // no ticket (database down): the agent still learns from the hand-off what the IVR did
        String actions = ref.isEmpty() && !state.done.isEmpty() ? actionsSummary() : "";
        call.handToQueue(new QueueHandoff(
                queue,
                priority,
                ref,
                category,
                state.vars.getOrDefault("account.id", ""),
                "yes".equals(state.vars.get("caller.verified")),
                state.language,
                actions));
    }

    /** {@code freeze_account=frozen:F-1,verify_pin=ok}, at most 200 characters (channel variables are short). */
    private String actionsSummary() {
        StringBuilder sb = new StringBuilder();
        for (ActionRecord a : state.done) {
            String item = a.name() + "=" + a.outcome() + (a.reference().isEmpty() ? "" : ":" + a.reference());
            if (sb.length() + item.length() + 1 > 200) {
                break;
            }
            sb.append(sb.isEmpty() ? "" : ",").append(item);
        }
        return sb.toString();
    }
}
