/**
 * Prompts: what callers hear, as sound files Asterisk plays directly.
 *
 * <h2>Catalog</h2>
 * {@link io.hotline.prompts.PromptCatalog#from} lists every literal segment of every prompt
 * of every node of every flow, per language, under the segment's stable id
 * ({@code <flow>.<node>.<purpose>}, {@code .1}, {@code .2} for the pieces of a template
 * with slots; punctuation-only pieces are {@code Segment.Punctuation}, never played, and have
 * none), plus the built-in words telephony needs ({@link io.hotline.prompts.PhoneSpeech}):
 * the amount words of {@link io.hotline.prompts.AmountReading} ({@code hotline.yuan},
 * {@code hotline.jiao} (zh), {@code hotline.fen}, {@code hotline.and} (en),
 * {@code hotline.minus}) and, for Mandarin, the characters numbers, dates, digits and
 * references are read with ({@code hotline.n0}..., {@code hotline.letter.a}...), since
 * Asterisk has no Chinese sounds. What the adapters play and what is generated come from
 * the same definitions, so no adapter can ask for a prompt that is not generated. Each
 * entry's hash covers its words, language and the synthesizer's settings.
 *
 * <h2>Files</h2>
 * <pre>
 * sounds/
 *   .hotline-manifest.json     files we generated: sha-256 of bytes, prompt hash, size, mtime
 *   .hotline-manifest.lock     runs of `hotline prompts` and `serve` take turns
 *   en/main.welcome.prompt.wav      8 kHz 16-bit mono PCM (Asterisk format "wav")
 *   en/main.welcome.prompt.wav16   16 kHz 16-bit mono PCM (Asterisk format "wav16")
 *   zh/...
 *   .cache/&lt;lang&gt;/&lt;sha&gt;.wav      dynamic parts and rendered prompts (simulator, softphone)
 * </pre>
 * Both rates are written: Asterisk picks, per channel, the format that is cheapest to
 * translate to the channel's codec ({@code .wav} for G.711, {@code .wav16} for G.722 and
 * other wideband codecs). A browser plays either.
 *
 * <h2>Recordings</h2>
 * Any audio file under a prompt's id in {@code sounds/<lang>/} (any extension Asterisk
 * knows: {@code .wav}, {@code .wav16}, {@code .gsm}, {@code .ulaw}, {@code .sln16}, ...)
 * that is not in the manifest, or whose bytes differ from what the manifest recorded, is a
 * recording. It is never overwritten or deleted, and it wins: our generated files of the
 * same id are removed, since Asterisk could otherwise prefer our {@code .wav16} over a
 * recorded {@code .wav}. A file whose size and modification time are those noted in the
 * manifest is taken as ours without re-reading it (that is what makes a re-run fast).
 *
 * <h2>Voices</h2>
 * {@link io.hotline.prompts.Voices#standard}: {@code en} with FreeTTS 1.2.2 {@code kevin16}
 * (16 kHz, in-process; the voice is taken from its voice directory class so it loads from
 * the shaded jar), {@code zh} with Debian's {@code espeak-ng} voice
 * {@code cmn-latn-pinyin} (22.05 kHz, one process per text; the plain {@code cmn} voice
 * of espeak-ng 1.51 reads tone digits as English words). Output is trimmed to 80 ms of
 * silence at each end, brought to a 70 % peak, then resampled with a windowed-sinc
 * low-pass. Dynamic values are turned into words first ({@link io.hotline.prompts.SpokenText}):
 * 1288.50 yuan is "one thousand two hundred eighty eight yuan and fifty fen" and
 * 一千二百八十八元五角; digits in Mandarin read 1 as 幺.
 *
 * <h2>Threading</h2>
 * {@link io.hotline.prompts.PromptGenerator} runs one virtual thread per synthesizer;
 * {@link io.hotline.prompts.PromptService} is safe from any thread and blocks only its
 * caller (virtual threads, never an event loop).
 */
package io.hotline.prompts;
