package io.hotline.prompts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Brings a sounds directory up to date with a {@link PromptCatalog}: synthesizes each
 * missing or changed prompt into {@code <lang>/<id>.wav} (8 kHz) and
 * {@code <lang>/<id>.wav16} (16 kHz), leaves unchanged ones alone (by hash, without
 * touching the files), lets recordings win, and reports or prunes generated files of
 * prompts that are gone.
 *
 * <p>Threading: a run holds an OS file lock on {@code .hotline-manifest.lock}, so runs of
 * {@code hotline prompts} and of {@code serve} on the same directory take turns. Inside a
 * run, each synthesizer works through its own prompts on its own virtual thread (FreeTTS
 * for English and espeak-ng for Mandarin at the same time).
 */
public final class PromptGenerator {
    private final Path soundsDir;
    private final Voices voices;

    public PromptGenerator(Path soundsDir, Voices voices) {
        this.soundsDir = soundsDir;
        this.voices = voices;
    }

    /** {@link #run(PromptCatalog, boolean, Consumer)} without a listener. */
    public GenerationReport run(PromptCatalog catalog, boolean prune) {
        return run(catalog, prune, a -> {});
    }

    /**
     * Runs once. Never throws for a prompt's failure: each becomes a
     * {@link PromptAction.Kind#FAILED} action.
     *
     * @param prune    delete orphan generated files instead of only reporting them
     * @param listener told of each action as it happens (from several threads, one at a time)
     */
    public GenerationReport run(PromptCatalog catalog, boolean prune, Consumer<PromptAction> listener) {
        long start = System.nanoTime();
        List<PromptAction> actions = new ArrayList<>();
        Consumer<PromptAction> record = a -> {
            synchronized (actions) {
                actions.add(a);
                listener.accept(a);
            }
        };
        try {
            Files.createDirectories(soundsDir);
            try (FileChannel ch = FileChannel.open(
                            soundsDir.resolve(SoundLayout.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                runLocked(catalog, prune, record);
            }
        } catch (IOException e) {
            record.accept(new PromptAction(PromptAction.Kind.FAILED, soundsDir.toString(), e.getMessage()));
        } catch (java.nio.channels.OverlappingFileLockException e) {
            record.accept(new PromptAction(
                    PromptAction.Kind.FAILED,
                    soundsDir.toString(),
                    "another run in this process is working on this directory"));
        }
        actions.sort(Comparator.comparing(PromptAction::path));
        return new GenerationReport(catalog.size(), actions, java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    private void runLocked(PromptCatalog catalog, boolean prune, Consumer<PromptAction> record) throws IOException {
        Manifest manifest;
        try {
            manifest = Manifest.read(soundsDir);
        } catch (IOException e) {
            record.accept(
                    new PromptAction(
                            PromptAction.Kind.FAILED,
                            SoundLayout.MANIFEST,
                            e.getMessage()
                                    + "; nothing was changed. Fix it, or delete it to treat every existing sound as a recording"));
            return;
        }
        Map<String, Map<String, List<Path>>> existing = scan(catalog, manifest);
        IdentityHashMap<Synthesizer, List<PromptEntry>> work = new IdentityHashMap<>();
        IdentityHashMap<Synthesizer, Optional<String>> availability = new IdentityHashMap<>();
        for (PromptEntry entry : catalog.entries()) {
            List<Path> files = existing.getOrDefault(entry.lang(), Map.of()).getOrDefault(entry.id(), List.of());
            Optional<PromptEntry> todo = plan(entry, files, manifest, record);
            if (todo.isEmpty()) {
                continue;
            }
            Optional<Synthesizer> synth = voices.forLanguage(entry.lang());
            if (synth.isEmpty()) {
                record.accept(new PromptAction(
                        PromptAction.Kind.FAILED,
                        entry.relativePath(),
                        "no recording, and no synthesizer for language '" + entry.lang() + "'"));
                continue;
            }
            Optional<String> why = availability.computeIfAbsent(synth.get(), Synthesizer::unavailable);
            if (why.isPresent()) {
                record.accept(new PromptAction(
                        PromptAction.Kind.FAILED,
                        entry.relativePath(),
                        "no recording, and " + synth.get().name() + " cannot run: " + why.get()));
                continue;
            }
            work.computeIfAbsent(synth.get(), s -> new ArrayList<>()).add(entry);
        }
        synthesizeAll(work, existing, manifest, record);
        orphans(catalog, manifest, prune, record);
        manifest.writeIfChanged(soundsDir);
    }

    /**
     * Decides what one prompt needs. Returns the entry when it must be synthesized;
     * otherwise records why not (unchanged, or a recording wins) and returns empty.
     */
    private Optional<PromptEntry> plan(
            PromptEntry entry, List<Path> files, Manifest manifest, Consumer<PromptAction> record) throws IOException {
        List<Path> ours = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (Path f : files) {
            (manifest.isOurs(relative(f), f) ? ours : recordings).add(f);
        }
        if (!recordings.isEmpty()) {
            // Asterisk picks the cheapest format it finds for a name: a generated .wav16 next to a
            // recorded .wav could be played instead of the recording, so ours go.
            List<String> removed = new ArrayList<>();
            for (Path o : ours) {
                Files.deleteIfExists(o);
                manifest.remove(relative(o));
                removed.add(o.getFileName().toString());
            }
            recordings.forEach(r -> manifest.remove(relative(r)));
            record.accept(new PromptAction(
                    PromptAction.Kind.RECORDING,
                    relative(recordings.getFirst()),
                    removed.isEmpty() ? "" : "removed generated " + String.join(", ", removed)));
            return Optional.empty();
        }
        String wav = entry.relativePath();
        String wav16 = relative(entry.wideband(soundsDir));
        boolean current = ours.size() == 2
                && manifest.get(wav).map(g -> g.prompt().equals(entry.hash())).orElse(false)
                && manifest.get(wav16).map(g -> g.prompt().equals(entry.hash())).orElse(false);
        if (current) {
            record.accept(new PromptAction(PromptAction.Kind.UNCHANGED, wav, ""));
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private void synthesizeAll(
            Map<Synthesizer, List<PromptEntry>> work,
            Map<String, Map<String, List<Path>>> existing,
            Manifest manifest,
            Consumer<PromptAction> record) {
        List<Thread> workers = new ArrayList<>();
        for (var job : work.entrySet()) {
            workers.add(Thread.ofVirtual()
                    .name("prompts-" + job.getKey().name())
                    .start(() -> {
                        for (PromptEntry entry : job.getValue()) {
                            boolean had = !existing.getOrDefault(entry.lang(), Map.of())
                                    .getOrDefault(entry.id(), List.of())
                                    .isEmpty();
                            record.accept(synthesizeOne(job.getKey(), entry, had, manifest));
                        }
                    }));
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.forEach(Thread::interrupt);
                return;
            }
        }
    }

    private PromptAction synthesizeOne(Synthesizer synth, PromptEntry entry, boolean update, Manifest manifest) {
        try {
            Pcm shaped = Shaping.shape(synth.synthesize(entry.text()));
            byte[] narrow = Wav.encode(Shaping.at(shaped, SoundLayout.NARROW_RATE));
            byte[] wide = Wav.encode(Shaping.at(shaped, SoundLayout.WIDE_RATE));
            Files.createDirectories(soundsDir.resolve(entry.lang()));
            Manifest.writeAtomically(entry.wideband(soundsDir), wide);
            Manifest.writeAtomically(entry.soundFile(soundsDir), narrow);
            synchronized (manifest) {
                manifest.put(
                        relative(entry.wideband(soundsDir)),
                        Manifest.generated(entry.wideband(soundsDir), wide, entry.hash()));
                manifest.put(
                        entry.relativePath(), Manifest.generated(entry.soundFile(soundsDir), narrow, entry.hash()));
            }
            return new PromptAction(
                    update ? PromptAction.Kind.UPDATED : PromptAction.Kind.WRITTEN,
                    entry.relativePath(),
                    String.format("%.1f s, %s", shaped.duration().toMillis() / 1000.0, synth.name()));
        } catch (SynthesisException | IOException | RuntimeException e) {
            return new PromptAction(
                    PromptAction.Kind.FAILED, entry.relativePath(), synth.name() + ": " + e.getMessage());
        }
    }

    private void orphans(PromptCatalog catalog, Manifest manifest, boolean prune, Consumer<PromptAction> record)
            throws IOException {
        for (var f : manifest.files().entrySet()) {
            String rel = f.getKey();
            int slash = rel.indexOf('/');
            Optional<String> id = SoundLayout.promptId(rel.substring(slash + 1));
            if (slash < 0 || id.isEmpty() || catalog.contains(id.get(), rel.substring(0, slash))) {
                continue;
            }
            Path file = soundsDir.resolve(rel);
            if (!manifest.isOurs(rel, file)) {
                manifest.remove(rel); // gone, or replaced by someone's recording: not ours any more
            } else if (prune) {
                Files.delete(file);
                manifest.remove(rel);
                record.accept(new PromptAction(PromptAction.Kind.PRUNED, rel, "prompt no longer in the flows"));
            } else {
                record.accept(new PromptAction(
                        PromptAction.Kind.ORPHAN, rel, "prompt no longer in the flows; --prune deletes it"));
            }
        }
    }

    /** Language → prompt id → audio files of that id, for the catalog's and the manifest's languages. */
    private Map<String, Map<String, List<Path>>> scan(PromptCatalog catalog, Manifest manifest) throws IOException {
        Map<String, Map<String, List<Path>>> out = new HashMap<>();
        java.util.Set<String> langs = new java.util.TreeSet<>(catalog.languages());
        manifest.files().keySet().forEach(rel -> {
            if (rel.indexOf('/') > 0) {
                langs.add(rel.substring(0, rel.indexOf('/')));
            }
        });
        for (String lang : langs) {
            Path dir = soundsDir.resolve(lang);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<String, List<Path>> byId = new TreeMap<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") || !Files.isRegularFile(p)) {
                        continue;
                    }
                    SoundLayout.promptId(name)
                            .ifPresent(id -> byId.computeIfAbsent(id, k -> new ArrayList<>())
                                    .add(p));
                }
            }
            byId.values().forEach(l -> l.sort(Comparator.comparing(Path::toString)));
            out.put(lang, byId);
        }
        return out;
    }

    private String relative(Path file) {
        return soundsDir.relativize(file).toString().replace('\\', '/');
    }
}
