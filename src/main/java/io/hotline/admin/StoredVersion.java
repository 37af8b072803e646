package io.hotline.admin;

import java.time.Instant;
import java.util.List;

/**
 * One published version as recorded in {@code flow_versions}.
 *
 * @param version      the number calls, sessions and tickets carry
 * @param hash         SHA-256 over the files (as {@link io.hotline.flow.FlowSet#hash()})
 * @param publishedAt  when
 * @param publishedBy  {@code startup}, {@code file-watcher} or an admin's login
 * @param kind         {@code publish} or {@code rollback}
 * @param restoredFrom for a rollback, the version whose files it published again; else null
 * @param files        the file names, sorted
 */
public record StoredVersion(
        long version,
        String hash,
        Instant publishedAt,
        String publishedBy,
        String kind,
        Long restoredFrom,
        List<String> files) {
    public StoredVersion {
        files = List.copyOf(files);
    }
}
