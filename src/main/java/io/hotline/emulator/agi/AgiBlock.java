package io.hotline.emulator.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agi_} block Asterisk 22.10.1 sends when a FastAGI connection opens: session A of the recorded
 * {@code src/test/resources/transcripts/agi-basic.txt} (a Local channel running extension 100 of {@code [hotline]}),
 * line for line, with a call's own script, language, unique id, caller id and arguments put in.
 */
final class AgiBlock {
    /** Session A's block as recorded, without the empty line that ends it. */
    private static final List<String> SESSION_A = List.of(
            "agi_network: yes",
            "agi_network_script: main",
            "agi_request: agi://127.0.0.1:4573/main",
            "agi_channel: Local/100@hotline-00000002;2",
            "agi_language: en",
            "agi_type: Local",
            "agi_uniqueid: 1795393722.5",
            "agi_version: 22.10.1",
            "agi_callerid: 13800138000",
            "agi_calleridname: Wallet Customer",
            "agi_callingpres: 0",
            "agi_callingani2: 0",
            "agi_callington: 0",
            "agi_callingtns: 0",
            "agi_dnid: unknown",
            "agi_rdnis: unknown",
            "agi_context: hotline",
            "agi_extension: 100",
            "agi_priority: 3",
            "agi_enhanced: 0.0",
            "agi_accountcode: ",
            "agi_threadid: 140259675117248");

    private AgiBlock() {}

    /** Session A's block for this call; {@code args} follow as {@code agi_arg_1}, {@code agi_arg_2}, ... */
    static List<String> wellFormed(
            String script, String language, String uniqueId, String callerId, List<String> args) {
        List<String> lines = new ArrayList<>();
        for (String l : SESSION_A) {
            String name = l.substring(0, l.indexOf(':'));
            lines.add(
                    switch (name) {
                        case "agi_network_script" -> name + ": " + script;
                        case "agi_request" -> name + ": agi://127.0.0.1:4573/" + script;
                        case "agi_language" -> name + ": " + language;
                        case "agi_uniqueid" -> name + ": " + uniqueId;
                        case "agi_callerid" -> name + ": " + callerId;
                        default -> l;
                    });
        }
        for (int i = 0; i < args.size(); i++) {
            lines.add("agi_arg_" + (i + 1) + ": " + args.get(i));
        }
        return lines;
    }
}
