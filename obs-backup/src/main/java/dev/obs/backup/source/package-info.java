/**
 * Where backups come from: PostgreSQL, directories, H2, HTTP snapshots and the {@link
 * dev.obs.backup.source.BackupSource} SPI.
 */
@NullMarked
package dev.obs.backup.source;

import org.jspecify.annotations.NullMarked;
