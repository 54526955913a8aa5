/**
 * The obs root: the {@code Obs} instance, its lifecycle, the plug-in point for other modules, and
 * the one call adapters record a finished request with ({@code Obs.record(ServerExchange)}).
 */
@NullMarked
package dev.obs;

import org.jspecify.annotations.NullMarked;
