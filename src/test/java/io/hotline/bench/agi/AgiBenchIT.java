package io.hotline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The FastAGI benchmark's machinery")
class AgiBenchIT {

    @Test
    @DisplayName("emulated peers finish a journey against our server and the bare asterisk-java script alike")
    void peersAndBaseline() throws Exception {
        BenchJourney journey = new BenchJourney("mini", "main", "13800138000", "2 1", "fraud");
        try (AgiServer server = new AgiServer(AgiConfig.loopback(), call -> {
                    call.play(List.of(new PromptPart.Recorded("menu", "Press 2")), "en", "12");
                    call.waitForKey(Duration.ofSeconds(3));
                    call.handToQueue(new QueueHandoff("fraud", 9, "T-1"));
                })
                .start()) {
            Map<String, List<String>> sequences = new ConcurrentHashMap<>();
            AgiBench.Figures ours = AgiBench.run(
                    AgiBench.Load.of("ours", "127.0.0.1", server.port(), List.of(journey), 40, 8, BenchJourney::flow)
                            .collectingSequences(sequences));
            assertThat(ours.errors()).as("%s", ours.sampleErrors()).isZero();
            assertThat(sequences.get("mini"))
                    .startsWith("ANSWER", "STREAM FILE hotline/en/menu \"12\"", "WAIT FOR DIGIT 3000");
            assertThat(ours.commandsPerJourney())
                    .containsEntry("mini", sequences.get("mini").size());
            assertThat(ours.turns()).isEqualTo(40L * sequences.get("mini").size());

            try (BareAgiBaseline bare = new BareAgiBaseline(sequences)) {
                AgiBench.Figures base = AgiBench.run(AgiBench.Load.of(
                        "bare", "127.0.0.1", bare.port(), List.of(journey), 40, 8, BenchJourney::name));
                assertThat(base.errors()).as("%s", base.sampleErrors()).isZero();
                assertThat(base.commandsPerJourney()).isEqualTo(ours.commandsPerJourney());
                // every step of both runs lines up, counted once per journey, for the step-by-step difference
                assertThat(base.steps().keySet()).isEqualTo(ours.steps().keySet());
                assertThat(ours.steps()).hasSize(sequences.get("mini").size());
                assertThat(ours.steps().get("mini step 2").command()).isEqualTo("STREAM FILE hotline/en/menu \"12\"");
                assertThat(ours.steps().values())
                        .allSatisfy(st -> assertThat(st.count()).isEqualTo(40));
                List<String> excess = AgiBench.excessSteps(ours, base, 2);
                assertThat(excess)
                        .hasSize(2)
                        .allSatisfy(l -> assertThat(l).contains("mini step").contains("hotline mean"));
            }
        }
    }

    @Test
    @DisplayName("a journey that does not end in its queue is counted as an error")
    void wrongEnding() throws Exception {
        BenchJourney journey = new BenchJourney("mini", "main", "13800138000", "2", "fraud");
        try (AgiServer server = new AgiServer(
                        AgiConfig.loopback(),
                        call -> call.play(List.of(new PromptPart.Recorded("bye", "Bye")), "en", ""))
                .start()) {
            AgiBench.Figures f = AgiBench.run(
                    AgiBench.Load.of("ours", "127.0.0.1", server.port(), List.of(journey), 5, 2, BenchJourney::flow));
            assertThat(f.errors()).isEqualTo(5);
            assertThat(f.sampleErrors()).first().asString().contains("expected 'fraud'");
        }
    }
}
