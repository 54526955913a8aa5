/** Recording of HTTP server exchanges as meters. */
@NullMarked
package dev.obs.http;

import org.jspecify.annotations.NullMarked;
