package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.Database;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.JourneyContract;

/**
 * Every journey of the shipped flows ({@link JourneyContract}) through the real lab Asterisk, on one
 * transport. Each call is checked on Asterisk's side by {@link PbxDialer}; here, what app_queue saw
 * of the journeys that reach it. Independent calls run at the same time.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
abstract class PbxJourneys extends JourneyContract<PbxDialer.Result> {
    private PbxDialer dialer;

    abstract PbxDialer.Transport transport();

    @Override
    protected Dialer<PbxDialer.Result> connect(Database db) throws Exception {
        dialer = new PbxDialer(db, transport());
        return dialer;
    }

    @Override
    protected double voiceSeconds() {
        return PbxDialer.SPEAK_SECONDS;
    }

    @Override
    protected void onTheWire(Journey journey, PbxDialer.Result r) throws Exception {
        switch (journey) {
            case STOLEN_ACCOUNT_QUEUED -> {
                // app_queue's own event shows the priority and the ticket travelling with the caller
                assertThat(r.queueJoin())
                        .containsEntry("ChanVariable.HOTLINE_PRIORITY", "9")
                        .containsEntry("ChanVariable.HOTLINE_QUEUE", "fraud");
                assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/en/stolen."));
            }
            case AGENT_IN_CHINESE -> {
                assertThat(r.queueJoin()).containsEntry("ChanVariable.HOTLINE_LANG", "zh");
                assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/zh/"));
            }
            case COMPLAINT_HUNG_UP -> assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/en/complaint."));
            case COMPLAINT_WITH_MESSAGE -> {
                // the file Asterisk wrote on its host was brought into Hotline's storage and removed there
                String name = "hotline-" + r.callId().replaceAll("[^A-Za-z0-9_-]", "_") + "-message";
                try (var files = java.nio.file.Files.list(Lab.asterisk().lab.resolve("spool/recording"))) {
                    assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith(name));
                }
                if (transport() == PbxDialer.Transport.AGI) {
                    assertThat(r.commands()).anyMatch(c -> c.startsWith("RECORD FILE ") && c.contains(name));
                }
            }
            default -> {}
        }
    }
}
