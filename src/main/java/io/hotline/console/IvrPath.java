package io.hotline.console;

import io.hotline.call.Masking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IVR path of a ticket in words, for the screen pop: from the ticket context's {@code path} and
 * {@code actions} (as the actions package writes them) to steps such as "pressed 2, account stolen",
 * "account frozen 10:02, ref F-100002", "to the fraud queue". Pure; times in the console's zone.
 */
final class IvrPath {
    private static final Map<String, String> PLACES = Map.ofEntries(
            Map.entry("recharge", "recharge failed"),
            Map.entry("stolen", "account stolen"),
            Map.entry("password", "password or login"),
            Map.entry("transfer", "transfer not arrived"),
            Map.entry("complaint", "complaint"),
            Map.entry("agent", "asked for an agent"),
            Map.entry("fraud_agent", "fraud specialist"),
            Map.entry("freeze", "freeze now"),
            Map.entry("freeze_who", "freeze now"), // stolen.yaml: the check of who may freeze without a PIN
            Map.entry("verify", "check identity first"),
            Map.entry("main_menu", "main menu"),
            Map.entry("@repeat", "repeat"),
            Map.entry("@language", "change language"));

    private final DateTimeFormatter time;

    IvrPath(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    /** The steps in words, in order. */
    List<String> steps(JsonObject context) {
        JsonArray path = context.getJsonArray("path", new JsonArray());
        JsonArray actions = context.getJsonArray("actions", new JsonArray());
        List<String> out = new ArrayList<>();
        int nextAction = 0;
        for (int i = 0; i < path.size(); i++) {
            JsonObject step = path.getJsonObject(i);
            String type = step.getString("type", "");
            String input = step.getString("input", "");
            String exit = step.getString("exit", "");
            switch (type) {
                case "menu" -> out.add(menu(input, exit));
                case "input" ->
                    out.add(
                            input.isEmpty() || input.equals("timeout")
                                    ? "entered nothing"
                                    : "entered "
                                            + (input.chars().allMatch(ch -> ch == '*') ? input : Masking.phone(input)));
                case "action" -> {
                    JsonObject a = nextAction < actions.size() ? actions.getJsonObject(nextAction) : null;
                    nextAction++;
                    out.add(action(
                            a == null ? step.getString("node", "") : a.getString("name", ""),
                            a == null ? exit : a.getString("outcome", exit),
                            a == null ? "" : a.getString("reference", ""),
                            a == null ? step.getString("at", "") : a.getString("at", "")));
                }
                case "queue" ->
                    out.add("to the " + humanize(exit.isEmpty() ? step.getString("node", "") : exit) + " queue");
                default -> {
                    // say, branch, subflow, hangup, return: nothing the agent needs to read
                }
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    /** The steps as one line: {@code pressed 2, account stolen → account frozen 10:02, ref F-100002}. */
    String line(JsonObject context) {
        return String.join(" → ", steps(context));
    }

    private static String menu(String input, String exit) {
        if (input.isEmpty() || input.equals("timeout")) {
            return "no key pressed";
        }
        String place = PLACES.getOrDefault(exit, humanize(exit));
        return "pressed " + input + (place.isEmpty() ? "" : ", " + place);
    }

    private String action(String name, String outcome, String reference, String at) {
        String ref = reference == null || reference.isEmpty() ? "" : ", ref " + reference;
        String when = at(at);
        return switch (name + ":" + outcome) {
            case "identify_caller:ok" -> "identified by caller number";
            case "identify_caller:not_found" -> "caller number not registered";
            case "lookup_account:ok" -> "account found by number entered";
            case "lookup_account:not_found" -> "no account for the number entered";
            case "verify_pin:ok" -> "PIN verified";
            case "verify_pin:wrong" -> "wrong PIN";
            case "verify_pin:locked" -> "PIN locked after wrong attempts";
            case "freeze_account:frozen" -> "account frozen" + when + ref;
            case "freeze_account:already_frozen" -> "account already frozen" + ref;
            case "freeze_account:error" -> "freeze FAILED, do it by hand";
            case "recent_transactions:found" -> "recent transactions looked up (below)";
            case "recent_transactions:none" -> "no recent transactions";
            case "failed_recharges:found" -> "failed recharges read out";
            case "failed_recharges:none" -> "no failed recharges";
            case "send_reset_code:sent" -> "reset code sent by SMS" + when;
            case "send_reset_code:not_sent" -> "reset code NOT sent (SMS centre did not accept it), send one again";
            case "unlock_login:unlocked" -> "login unlocked" + when;
            case "open_ticket:ok" -> "ticket opened" + ref;
            case "next_transaction:found",
                    "next_transaction:none",
                    "next_failed_recharge:found",
                    "next_failed_recharge:none" -> "";
            default -> humanize(name) + ": " + humanize(outcome) + ref;
        };
    }

    private String at(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            return " " + time.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    static String humanize(String id) {
        return id == null ? "" : id.replace('_', ' ').replace('-', ' ').trim().toLowerCase(Locale.ROOT);
    }
}
