package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The IVR path in words on a screen pop")
class IvrPathTest {
    private final IvrPath path = new IvrPath(ZoneId.of("Asia/Shanghai"));

    /** The context the actions package writes for Li Wei's stolen-account call (2, then 1). */
    static JsonObject stolen() {
        return new JsonObject("""
                {"category":"fraud","caller":"*******8000","language":"en",
                 "actions":[
                   {"name":"identify_caller","outcome":"ok","reference":"","at":"2026-11-23T02:01:40Z"},
                   {"name":"freeze_account","outcome":"frozen","reference":"F-100002","at":"2026-11-23T02:02:05Z"},
                   {"name":"recent_transactions","outcome":"found","reference":"","at":"2026-11-23T02:02:09Z"}],
                 "path":[
                   {"flow":"main","node":"welcome","type":"say","input":"","exit":"identify","at":"2026-11-23T02:01:39Z"},
                   {"flow":"main","node":"identify","type":"action","input":"","exit":"ok","at":"2026-11-23T02:01:40Z"},
                   {"flow":"main","node":"main_menu","type":"menu","input":"2","exit":"stolen","at":"2026-11-23T02:01:41Z"},
                   {"flow":"main","node":"stolen","type":"subflow","input":"","exit":"","at":"2026-11-23T02:01:55Z"},
                   {"flow":"stolen","node":"offer","type":"menu","input":"1","exit":"freeze","at":"2026-11-23T02:01:56Z"},
                   {"flow":"stolen","node":"freeze","type":"action","input":"","exit":"frozen","at":"2026-11-23T02:02:04Z"},
                   {"flow":"stolen","node":"frozen","type":"say","input":"","exit":"collect","at":"2026-11-23T02:02:05Z"},
                   {"flow":"stolen","node":"collect","type":"action","input":"","exit":"found","at":"2026-11-23T02:02:08Z"},
                   {"flow":"verify-identity","node":"pin","type":"input","input":"****","exit":"check","at":"2026-11-23T02:02:10Z"},
                   {"flow":"stolen","node":"fraud_agent","type":"queue","input":"","exit":"fraud","at":"2026-11-23T02:02:12Z"}]}
                """);
    }

    @Test
    @DisplayName("reads like an agent would tell it: keys with their meaning, actions with time and reference")
    void stolenAccount() {
        assertThat(path.steps(stolen()))
                .containsExactly(
                        "identified by caller number",
                        "pressed 2, account stolen",
                        "pressed 1, freeze now",
                        "account frozen 10:02, ref F-100002",
                        "recent transactions looked up (below)",
                        "entered ****",
                        "to the fraud queue");
        assertThat(path.line(stolen()))
                .contains("pressed 2, account stolen → pressed 1, freeze now → account frozen 10:02, ref F-100002");
    }

    @Test
    @DisplayName("silence, unknown actions and typed numbers are told plainly, numbers masked")
    void otherSteps() {
        JsonObject c = new JsonObject("""
                {"actions":[{"name":"check_limits","outcome":"over_limit","reference":"L-7","at":"2026-11-23T02:00:00Z"}],
                 "path":[
                   {"type":"menu","input":"timeout","exit":"main_menu"},
                   {"type":"input","input":"13900139000","exit":"lookup"},
                   {"type":"action","node":"limits","input":"","exit":"over_limit"}]}""");
        assertThat(path.steps(c))
                .containsExactly("no key pressed", "entered *******9000", "check limits: over limit, ref L-7");
    }

    @Test
    @DisplayName("a context without a path gives no steps")
    void empty() {
        assertThat(path.steps(new JsonObject())).isEmpty();
        assertThat(path.line(new JsonObject())).isEmpty();
    }
}
