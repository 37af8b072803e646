package io.hotline.pbx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A lab Asterisk to call through, with the tests' own AMI connection to it and its events: the one shared by the
 * test JVM ({@link #SHARED}, {@link Lab}) or one a test class starts for itself ({@link Own}).
 */
interface LabPbx {
    LabAsterisk asterisk();

    /** The tests' AMI connection (user {@code hotline-test}). */
    TestAmi ami();

    /** Hears every AMI event until {@link #unlisten} is called with the same listener. */
    void listen(Consumer<Map<String, String>> listener);

    void unlisten(Consumer<Map<String, String>> listener);

    /** The JVM's shared lab ({@link Lab#asterisk()}), its AMI connection made anew across restarts. */
    LabPbx SHARED = new LabPbx() {
        @Override
        public LabAsterisk asterisk() {
            return Lab.asterisk();
        }

        @Override
        public TestAmi ami() {
            return Lab.ami();
        }

        @Override
        public void listen(Consumer<Map<String, String>> listener) {
            Lab.listen(listener);
        }

        @Override
        public void unlisten(Consumer<Map<String, String>> listener) {
            Lab.unlisten(listener);
        }
    };

    /**
     * A lab Asterisk of a test class's own, on free ports, playing the shipped prompts ({@link Lab#sounds()}), its
     * dialplan's {@code HOTLINE_AGI} at {@code agiPort} on loopback, writing its queue_log into {@code queueLogDb} on
     * the tests' PostgreSQL; stopped by {@link #close()}.
     */
    final class Own implements LabPbx, AutoCloseable {
        private final LabAsterisk asterisk;
        private final TestAmi ami;
        private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();

        private Own(LabAsterisk asterisk) throws IOException {
            this.asterisk = asterisk;
            this.ami = TestAmi.connect(asterisk.amiPort, "hotline-test", asterisk.testAmiSecret);
            ami.onEvent(e -> listeners.forEach(l -> l.accept(e)));
        }

        static Own start(int agiPort, String queueLogDb) throws IOException {
            Lab.generatePrompts();
            io.hotline.db.TestDatabase.ensure(queueLogDb);
            Path sounds = Lab.sounds();
            LabAsterisk a = LabAsterisk.start(sounds, agiPort, io.hotline.db.TestDatabase.port(), queueLogDb);
            try {
                return new Own(a);
            } catch (IOException | RuntimeException e) {
                a.close();
                throw e;
            }
        }

        @Override
        public LabAsterisk asterisk() {
            return asterisk;
        }

        @Override
        public TestAmi ami() {
            return ami;
        }

        @Override
        public void listen(Consumer<Map<String, String>> listener) {
            listeners.add(listener);
        }

        @Override
        public void unlisten(Consumer<Map<String, String>> listener) {
            listeners.remove(listener);
        }

        @Override
        public void close() {
            ami.close();
            asterisk.close();
        }
    }
}
