package io.hotline.announcements;

import io.hotline.engine.Announcements;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowSource;
import io.hotline.prompts.PromptWriter;
import io.hotline.prompts.SynthesisException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The announcements admins switch on: checks and stores their changes (audited), prepares their audio where
 * Asterisk plays it (synthesized like the flows' prompts, or waits for a recording an admin puts there), and
 * answers calls' announcement points from memory ({@link Announcements}).
 *
 * <p>An announcement goes live only when it is switched on, its sound exists in every language of the flows and
 * its time window has begun; from then each new call reaching an announcement point plays it. Calls read the list
 * held here: it is loaded again after every change made through this desk, and every {@code refresh} (for
 * changes made on another node, and recordings put in place).
 *
 * <p>Threading: thread-safe. {@link #liveAt} never blocks; the other methods block (JDBC, synthesis happens on a
 * virtual thread of its own).
 */
public final class AnnouncementDesk implements Announcements, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementDesk.class);
    static final int MAX_TITLE = 120;
    static final int MAX_TEXT = 1000;

    private final AnnouncementStore store;
    private final PromptWriter sounds;
    private final FlowSource flows;
    private final Clock clock;
    private final ExecutorService audioThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<List<Announcement>> enabled = new AtomicReference<>(List.of());
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Thread refresher;

    public AnnouncementDesk(DataSource ds, PromptWriter sounds, FlowSource flows, Clock clock) {
        this.store = new AnnouncementStore(ds);
        this.sounds = sounds;
        this.flows = flows;
        this.clock = clock;
    }

    /** Loads the list again every {@code every} until closed; the first load happens before this returns. */
    public AnnouncementDesk refreshing(Duration every) {
        reload();
        Thread t = Thread.ofVirtual().name("announcements-refresh").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every); // a period, not a wait for something: other nodes' changes have no event here
                    checkRecordings();
                    reload();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("announcements not reloaded: {}", e.toString());
                }
            }
        });
        refresher = t;
        return this;
    }

    @Override
    public List<Live> liveAt(Instant at) {
        List<Live> out = new ArrayList<>();
        for (Announcement a : enabled.get()) {
            if (a.liveAt(at)) {
                out.add(new Live(a.id(), a.journeys(), a.texts()));
            }
        }
        return out;
    }

    /**
     * Calls {@code listener} (on whichever thread reloaded, so it must only hand over) each time the switched-on
     * announcements change: switched on or off, edited, their audio ready, changed on another node. Running the
     * returned one stops that.
     */
    public Runnable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The announcements an admin sees: every one not ended a week ago, and every one switched on. */
    public List<Announcement> list() {
        return store.list(clock.instant().minus(Duration.ofDays(7)));
    }

    /** The ones live now, for the supervisors' board (from memory). */
    public List<Announcement> liveNow() {
        Instant now = clock.instant();
        return enabled.get().stream().filter(a -> a.liveAt(now)).toList();
    }

    public Optional<Announcement> find(long id) {
        return store.find(id);
    }

    /** Stores a new announcement, switched off; its audio is prepared meanwhile. */
    public Announcement create(Draft d, String by) {
        check(d);
        Announcement a = store.create(d, by, clock.instant());
        prepareAudio(a);
        return a;
    }

    /** Replaces what an announcement says and when; not live again until its audio exists for the new words. */
    public Optional<Announcement> update(long id, Draft d, String by) {
        check(d);
        Optional<Announcement> a = store.update(id, d, by, clock.instant());
        a.ifPresent(this::prepareAudio);
        reload();
        return a;
    }

    /** Switches it on (live once its audio exists and its window has begun) or off (from the next call). */
    public Optional<Announcement> switchTo(long id, boolean on, String by) {
        Optional<Announcement> a = store.enable(id, on, by, clock.instant());
        reload();
        a.filter(x -> on && !x.audioReady()).ifPresent(this::prepareAudio);
        return a.flatMap(x -> store.find(id));
    }

    /**
     * Prepares the audio now, on this thread: synthesizes a synthesized one's every language, then checks that
     * every file exists. Whether it is ready.
     */
    public boolean prepareAudioNow(long id) {
        return store.find(id).map(this::prepare).orElse(false);
    }

    /** The languages every announcement must speak: those the published flows declare. */
    public Set<String> languages() {
        Set<String> out = new TreeSet<>();
        flows.current().flows().values().forEach(f -> out.addAll(f.languages()));
        return out;
    }

    /** The journeys an announcement may be for: the published flows. */
    public Set<String> journeys() {
        Set<String> out = new TreeSet<>();
        flows.current().flows().values().stream().map(Flow::id).forEach(out::add);
        return out;
    }

    /** Where a recording of {@code id} in {@code lang} goes, for the admin page. */
    public String recordingPath(long id, String lang) {
        return sounds.soundsDir()
                .resolve(lang)
                .resolve(Live.promptId(id) + ".wav")
                .toString();
    }

    private void check(Draft d) {
        if (d.title() == null || d.title().isBlank() || d.title().length() > MAX_TITLE) {
            throw new BadField("title", "title must be 1 to " + MAX_TITLE + " characters");
        }
        Set<String> langs = languages();
        for (String lang : d.texts().keySet()) {
            if (!langs.contains(lang)) {
                throw new BadField(
                        "texts." + lang, "the flows declare no language '" + lang + "' (they declare " + langs + ")");
            }
        }
        for (String lang : langs) {
            String t = d.texts().get(lang);
            if (t == null || t.isBlank() || t.length() > MAX_TEXT) {
                throw new BadField(
                        "texts." + lang, "a text in '" + lang + "' is needed, 1 to " + MAX_TEXT + " characters");
            }
        }
        Set<String> known = journeys();
        for (String j : d.journeys()) {
            if (!known.contains(j)) {
                throw new BadField("journeys", "'" + j + "' is not a published flow (one of " + known + ")");
            }
        }
        if (d.startsAt() == null) {
            throw new BadField("startsAt", "startsAt is needed (an ISO date-time)");
        }
        if (d.endsAt() == null || !d.endsAt().isAfter(d.startsAt())) {
            throw new BadField("endsAt", "endsAt must be after startsAt");
        }
        if (d.audio() == null) {
            throw new BadField("audio", "audio must be 'synthesized' or 'recording'");
        }
    }

    /** Prepares the audio on a virtual thread of its own; {@link #prepare} logs its own failures. */
    private void prepareAudio(Announcement a) {
        audioThreads.execute(() -> prepare(a));
    }

    /** Synthesizes (when it is synthesized) and checks the files; records the result and reloads. */
    private boolean prepare(Announcement a) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> t : a.texts().entrySet()) {
            String lang = t.getKey();
            if (a.audio() == Announcement.Audio.SYNTHESIZED) {
                try {
                    sounds.write(Live.promptId(a.id()), lang, t.getValue());
                } catch (SynthesisException e) {
                    log.warn("announcement {} in '{}' not synthesized: {}", a.id(), lang, e.getMessage());
                    missing.add(lang + " (" + e.getMessage() + ")");
                    continue;
                }
            }
            if (!sounds.exists(Live.promptId(a.id()), lang)) {
                missing.add(lang);
            }
        }
        boolean ready = missing.isEmpty();
        String note = ready ? "" : "no sound yet in " + String.join(", ", missing);
        if (store.audio(a, ready, note, clock.instant())) {
            log.info("announcement {} audio {}", a.id(), ready ? "ready" : note);
        }
        reload();
        return ready;
    }

    /** Recordings an admin has put in place since: announcements waiting for them become ready. */
    private void checkRecordings() {
        for (Announcement a : store.enabled(clock.instant())) {
            if (!a.audioReady() && a.audio() == Announcement.Audio.RECORDING) {
                prepare(a);
            }
        }
    }

    private void reload() {
        List<Announcement> now = store.enabled(clock.instant());
        if (!now.equals(enabled.getAndSet(now))) {
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        Thread t = refresher;
        if (t != null) {
            t.interrupt();
        }
        audioThreads.shutdownNow();
    }
}
