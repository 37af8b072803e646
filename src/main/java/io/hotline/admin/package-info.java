/**
 * Flow administration: publishing the flows directory as numbered versions (on start-up,
 * from the file watcher, from an admin), recording each in {@code flow_versions} and the
 * audit log, refusing a broken set with {@code file:line} problems while the previous version
 * keeps serving, and rolling back to any stored version.
 *
 * <p>The flows directory stays the truth: an admin's publish or rollback writes the files
 * there first, so a restart serves what was published, and the watcher, seeing files it
 * already published, changes nothing.
 */
package io.hotline.admin;
