package io.hotline.actions;

import io.hotline.engine.CallEnding;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.SessionLog;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.Tickets;
import java.time.Instant;

/**
 * The engine's session log on the {@code call_sessions} table. When the caller hung up
 * after a ticket was opened, the ticket says so.
 */
public final class SessionRecorder implements SessionLog {
    private final CallSessions sessions;
    private final Tickets tickets;

    public SessionRecorder(CallSessions sessions, Tickets tickets) {
        this.sessions = sessions;
        this.tickets = tickets;
    }

    @Override
    public void started(CallSnapshot call, Instant at) {
        sessions.started(
                call.info().callId(),
                call.info().transport(),
                call.flowId(),
                call.flowVersion(),
                call.info().maskedAni(),
                call.language(),
                call.info().extra().getOrDefault("pbx", ""),
                at);
    }

    @Override
    public void ended(CallSnapshot call, CallEnding ending, Instant at) throws Exception {
        sessions.ended(
                call.info().callId(),
                call.flowId(),
                call.flowVersion(),
                ending.reason().wire(),
                ending.queue(),
                ending.ticket(),
                CallJson.path(call),
                CallJson.actions(call),
                ending.detail(),
                at);
        if (ending.reason() == CallEnding.Reason.CALLER_HANGUP) {
            tickets.markCallerHungUp(call.info().callId());
        }
    }
}
