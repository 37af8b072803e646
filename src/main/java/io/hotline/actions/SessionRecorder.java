package io.hotline.actions;

import io.hotline.engine.CallEnding;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.SessionLog;
import io.hotline.secrets.NumberVault;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.CallerNumbers;
import io.hotline.tickets.Tickets;
import java.time.Instant;

/**
 * The engine's session log on the {@code call_sessions} table. When the caller hung up
 * after a ticket was opened, the ticket says so. At the start the caller's full number is sealed
 * ({@link NumberVault}, purpose {@value CallerNumbers#PURPOSE}) into {@link CallerNumbers}, for the agent's reveal.
 */
public final class SessionRecorder implements SessionLog {
    private final CallSessions sessions;
    private final Tickets tickets;
    private final CallerNumbers numbers;
    private final NumberVault vault;

    public SessionRecorder(CallSessions sessions, Tickets tickets) {
        this(sessions, tickets, null, NumberVault.disabled());
    }

    /** Also seals each caller's full number at call start into {@code numbers}, when the vault has a key. */
    public SessionRecorder(CallSessions sessions, Tickets tickets, CallerNumbers numbers, NumberVault vault) {
        this.sessions = sessions;
        this.tickets = tickets;
        this.numbers = numbers;
        this.vault = vault;
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
        String ani = call.info().ani();
        // only a real number is worth keeping ("anonymous", "<unknown>" are not); never in clear, never logged
        if (numbers != null && vault.enabled() && ani.matches("\\+?[0-9]{3,20}")) {
            numbers.keep(call.info().callId(), vault.seal(CallerNumbers.PURPOSE, ani));
        }
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
