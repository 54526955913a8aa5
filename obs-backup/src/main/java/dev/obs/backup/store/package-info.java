/** Where backups go: stores, manifests, checksums and encryption. */
@NullMarked
package dev.obs.backup.store;

import org.jspecify.annotations.NullMarked;
