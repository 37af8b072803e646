package io.hotline.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the queue events carry what the screen pop reads: every {@link TestCall#POP_VARIABLES} as a
 * {@code ChanVariable} line (manager.conf {@code channelvars}), and {@code HOTLINE_TICKET} with the value
 * the test flow set.
 */
final class ChannelVars {
    private ChannelVars() {}

    /**
     * @param event  the {@code QueueCallerJoin} of the test call ({@code ChanVariable.NAME} keys)
     * @param ticket the HOTLINE_TICKET on the channel (by Getvar)
     */
    static Finding check(Map<String, String> event, String ticket) {
        List<String> lacking = new ArrayList<>();
        for (String v : TestCall.POP_VARIABLES) {
            if (!event.containsKey("ChanVariable." + v)) {
                lacking.add(v);
            }
        }
        if (!lacking.isEmpty()) {
            return Finding.problem(
                    "ami.channelvars",
                    "queue events carry no " + String.join(", ", lacking)
                            + ": the screen pop cannot find the ticket"
                            + (lacking.contains("HOTLINE_TICKET") ? "" : " details"),
                    "manager.conf [general] channelvars lacks " + String.join(",", lacking) + " (it must list "
                            + String.join(",", TestCall.POP_VARIABLES) + "), then 'manager reload'");
        }
        String carried = event.get("ChanVariable.HOTLINE_TICKET");
        if (!carried.equals(ticket) || !ticket.startsWith(TestCallFlow.TICKET_PREFIX)) {
            return Finding.problem(
                    "ami.channelvars",
                    "the queue event carries HOTLINE_TICKET='" + carried + "' but the flow set '" + ticket + "'",
                    "the dialplan must not reset HOTLINE_TICKET between"
                            + " the IVR and Queue(); compare with docker/asterisk/extensions.conf");
        }
        if (!event.containsKey("ChanVariable." + io.hotline.telephony.ami.AmiCalls.MOVE)) {
            return Finding.warning(
                    "ami.channelvars",
                    "queue events carry the pop's variables but not " + io.hotline.telephony.ami.AmiCalls.MOVE
                            + ": a caller a supervisor gives to one agent is counted as abandoned",
                    "add " + io.hotline.telephony.ami.AmiCalls.MOVE
                            + " to manager.conf [general] channelvars, then 'manager reload'");
        }
        return Finding.ok(
                "ami.channelvars",
                "queue events carry " + String.join(", ", TestCall.POP_VARIABLES) + " (HOTLINE_TICKET=" + carried
                        + " as the test flow set it)");
    }
}
