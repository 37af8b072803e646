package io.hotline.prompts;

import io.hotline.call.PromptPart;
import io.hotline.config.Settings;
import io.hotline.flow.FlowSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompts for a running server. {@link #start} brings {@code sounds/} up to date in the
 * background while calls are already served with the files present; {@link #render} and
 * {@link #part} make sound files of dynamic parts (amounts, dates, digits, numbers,
 * references) in the caller's language on the fly, for the simulator and the softphone
 * page, cached under {@code sounds/.cache/}. Over AGI and ARI, Asterisk says dynamic parts
 * itself; see {@link AmountReading}.
 *
 * <p>Threading: every method is safe from any thread and blocks only the caller (use a
 * virtual thread, never a Vert.x event loop). The same part asked for by several calls at
 * once is synthesized once.
 */
public final class PromptService {
    private static final Logger log = LoggerFactory.getLogger(PromptService.class);

    private final Path soundsDir;
    private final Voices voices;
    private final DynamicCache cache;
    private final ConcurrentHashMap<Path, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    /** One generation at a time: a republish during a run waits for it. */
    private final java.util.concurrent.locks.ReentrantLock generating = new java.util.concurrent.locks.ReentrantLock();

    public PromptService(PromptsConfig config, Voices voices) {
        this.soundsDir = config.soundsDir();
        this.voices = voices;
        this.cache = new DynamicCache(soundsDir, config.cacheMaxFiles());
    }

    /**
     * For {@code serve}: a prompt service on {@code HOTLINE_SOUNDS_DIR} that brings the published flows' prompts up
     * to date in the background (a language that cannot be synthesized here is logged as a WARN at once); returns
     * without waiting.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed run logs itself; serve does not wait
    public static PromptService startFor(Settings settings, FlowSet published) {
        PromptsConfig config = PromptsConfig.from(settings);
        Voices voices = Voices.standard(config);
        PromptService service = new PromptService(config, voices);
        service.start(PromptCatalog.from(published, voices));
        return service;
    }

    /** Synthesizes what a newly published flow version needs; returns at once (generation runs on its own thread). */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed run logs itself
    public void update(Settings settings, FlowSet published) {
        start(PromptCatalog.from(published, Voices.standard(PromptsConfig.from(settings))));
    }

    public Path soundsDir() {
        return soundsDir;
    }

    /**
     * Returns at once; on a virtual thread, checks that each language has a working
     * synthesizer (a missing one is logged as a WARN naming what to install, and kept in
     * {@link #warnings()}), then synthesizes what is missing or changed. Recordings are
     * never touched; orphans are reported, not deleted. Call it again with the catalog of
     * each newly published flow version; runs take turns.
     */
    public CompletableFuture<GenerationReport> start(PromptCatalog catalog) {
        CompletableFuture<GenerationReport> done = new CompletableFuture<>();
        Thread.ofVirtual().name("prompts-start").start(() -> {
            generating.lock();
            try {
                java.util.Set<String> unvoiced = checkVoices(catalog);
                GenerationReport r = new PromptGenerator(soundsDir, voices).run(catalog, false, a -> {
                    if (a.kind() == PromptAction.Kind.FAILED) {
                        // a language already warned about at start would repeat the same words per prompt
                        boolean known = unvoiced.stream().anyMatch(l -> a.path().startsWith(l + "/"));
                        if (known) {
                            log.debug("prompt {}: {}", a.path(), a.detail());
                        } else {
                            log.warn("prompt {}: {}", a.path(), a.detail());
                        }
                    } else if (a.kind() == PromptAction.Kind.WRITTEN || a.kind() == PromptAction.Kind.UPDATED) {
                        log.debug("prompt {} {}", a.path(), a.kind().word());
                    }
                });
                if (r.failed()) {
                    log.warn("prompts in {}: {}", soundsDir, r.summary());
                } else {
                    log.info("prompts in {}: {}", soundsDir, r.summary());
                }
                done.complete(r);
            } catch (RuntimeException e) {
                log.error("prompt generation in {} failed", soundsDir, e);
                done.completeExceptionally(e);
            } finally {
                generating.unlock();
            }
        });
        return done;
    }

    /** Warns about each language that cannot be synthesized here; returns those languages. */
    private java.util.Set<String> checkVoices(PromptCatalog catalog) {
        java.util.Set<String> unvoiced = new java.util.TreeSet<>();
        warnings.clear();
        for (String lang : catalog.languages()) {
            Optional<Synthesizer> s = voices.forLanguage(lang);
            String w = s.isEmpty()
                    ? "prompts in '" + lang + "': no synthesizer for this language; only recordings in "
                            + soundsDir.resolve(lang) + " can be played"
                    : s.get()
                            .unavailable()
                            .map(why -> "prompts in '" + lang + "': " + s.get().name()
                                    + " cannot run (" + why + "); only sounds already in " + soundsDir.resolve(lang)
                                    + " can be played")
                            .orElse(null);
            if (w != null) {
                unvoiced.add(lang);
                warnings.add(w);
                log.warn(w);
            }
        }
        return unvoiced;
    }

    /** Problems found by {@link #start}: languages that cannot be synthesized here. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The file to play for a catalog prompt: {@code <lang>/<id>.wav} (a recording or the
     * generated one), else {@code <id>.wav16}; empty when neither exists yet.
     */
    public Optional<Path> file(String id, String lang) {
        Path dir = soundsDir.resolve(lang);
        for (String ext : List.of(SoundLayout.WAV, SoundLayout.WAV16)) {
            Path p = dir.resolve(id + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * One part as an 8 kHz WAV file: a recorded part's own file when it exists, otherwise
     * (a dynamic part, or a prompt not generated yet) its words in {@code lang} synthesized
     * and cached.
     *
     * @throws SynthesisException when the part has no file and cannot be synthesized, or is
     *                            {@link PromptPart.Punctuation}
     */
    public Path part(PromptPart part, String lang) throws SynthesisException {
        if (part instanceof PromptPart.Punctuation) {
            throw new SynthesisException("punctuation has nothing to say: '" + part.text() + "'");
        }
        if (part instanceof PromptPart.Recorded r) {
            Optional<Path> f = file(r.id(), lang);
            if (f.isPresent()) {
                return f.get();
            }
        }
        return spoken(SpokenText.of(part, lang), lang);
    }

    /**
     * The parts one after another in a single 8 kHz 16-bit mono WAV under
     * {@code sounds/.cache/<lang>/}: what a simulated caller or the softphone hears. Cached
     * by content: rendering the same parts again returns the same file.
     *
     * @throws SynthesisException when a part has no file and cannot be synthesized
     */
    public Path render(List<PromptPart> parts, String lang) throws SynthesisException {
        List<Path> files = new ArrayList<>();
        StringBuilder key = new StringBuilder("render\n").append(lang);
        for (PromptPart p : parts) {
            if (p instanceof PromptPart.Punctuation) {
                continue; // written, not said
            }
            Path f = part(p, lang);
            files.add(f);
            // cached parts are named by their content; files in sounds/<lang>/ can be replaced
            key.append('\n').append(f).append(' ').append(cache.contains(f) ? "" : stamp(f));
        }
        Path out = cache.file(lang, "r-" + Manifest.sha256(key.toString().getBytes(StandardCharsets.UTF_8)));
        return once(out, () -> {
            List<Pcm> pcm = new ArrayList<>();
            for (Path f : files) {
                try {
                    pcm.add(Shaping.at(Wav.decode(Files.readAllBytes(f)), SoundLayout.NARROW_RATE));
                } catch (IOException e) {
                    throw new SynthesisException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
            return Wav.encode(Pcm.concat(SoundLayout.NARROW_RATE, pcm));
        });
    }

    private Path spoken(String text, String lang) throws SynthesisException {
        Synthesizer s = voices.forLanguage(lang)
                .orElseThrow(() -> new SynthesisException("no synthesizer for language '" + lang + "'"));
        String settings = PromptCatalog.hash(lang, text, s.settings());
        Path out = cache.file(lang, settings);
        return once(out, () -> Wav.encode(Shaping.at(Shaping.shape(s.synthesize(text)), SoundLayout.NARROW_RATE)));
    }

    private interface Maker {
        byte[] make() throws SynthesisException;
    }

    /** The cached file, made once even when several threads ask for it together. */
    private Path once(Path out, Maker maker) throws SynthesisException {
        if (cache.hit(out)) {
            return out;
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(out, mine);
        if (running != null) {
            return await(running);
        }
        try {
            cache.put(out, maker.make());
            mine.complete(out);
            return out;
        } catch (SynthesisException | IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            if (e instanceof SynthesisException se) {
                throw se;
            }
            throw new SynthesisException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            inFlight.remove(out, mine);
        }
    }

    private static Path await(CompletableFuture<Path> f) throws SynthesisException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SynthesisException se
                    ? se
                    : new SynthesisException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    private static String stamp(Path f) {
        try {
            return Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return "?";
        }
    }
}
