package io.hotline.telephony.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.call.PromptPart;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallEnding.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A transcript as hotline call --json prints it")
class TranscriptJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("carries the call, what was said, the keys, the actions, the end and every event in order")
    void wholeCall() throws Exception {
        var t = new Transcript();
        t.said("en", List.of(new PromptPart.Recorded("welcome", "Welcome.")));
        t.keys("menu", "2");
        t.actionDone(action("freeze_account", "frozen", "F-1"));
        t.actionDone(action("identify_caller", "found", ""));
        t.ended(new CallEnding(Reason.QUEUED, "fraud", "T-000001", ""));

        assertThat(JSON.writeValueAsString(t.toJson("sim-1", "138****0000", "main", 7)))
                .isEqualTo("{\"call\":\"sim-1\",\"caller\":\"138****0000\",\"flow\":\"main\",\"flow_version\":7,"
                        + "\"prompts\":[\"Welcome.\"],\"keys\":[\"2\"],"
                        + "\"actions\":[{\"name\":\"freeze_account\",\"outcome\":\"frozen\",\"reference\":\"F-1\"},"
                        + "{\"name\":\"identify_caller\",\"outcome\":\"found\"}],"
                        + "\"end\":{\"reason\":\"queued\",\"queue\":\"fraud\",\"ticket\":\"T-000001\"},"
                        + "\"events\":[{\"said\":\"Welcome.\",\"language\":\"en\"},{\"pressed\":\"2\",\"node\":\"menu\"},"
                        + "{\"action\":\"freeze_account\",\"outcome\":\"frozen\"},"
                        + "{\"action\":\"identify_caller\",\"outcome\":\"found\"},{\"ended\":\"queued\"}]}");
    }

    @Test
    @DisplayName("a call not ended yet has an empty end, and an end with a detail says it")
    void endOrNot() throws Exception {
        var t = new Transcript();
        assertThat(JSON.writeValueAsString(t.toJson("sim-2", "", "main", 1)))
                .isEqualTo("{\"call\":\"sim-2\",\"caller\":\"\",\"flow\":\"main\",\"flow_version\":1,\"prompts\":[],"
                        + "\"keys\":[],\"actions\":[],\"end\":{},\"events\":[]}");

        t.ended(new CallEnding(Reason.ERROR, "", "", "boom"));
        assertThat(JSON.writeValueAsString(t.toJson("sim-2", "", "main", 1)))
                .contains("\"end\":{\"reason\":\"error\",\"detail\":\"boom\"}");
    }

    private static ActionRecord action(String name, String outcome, String reference) {
        return new ActionRecord(name, outcome, reference, List.of(), Instant.EPOCH, 1, Map.of());
    }
}
