/** The Jakarta Servlet adapter: the request filter, the endpoints and drop-in registration. */
@NullMarked
package dev.obs.servlet;

import org.jspecify.annotations.NullMarked;
