package dev.obs.errors;

import dev.obs.http.HttpRequestView;
import java.util.Map;

/** One error to send: the exception, its id, the request and the log context when it happened. */
record Report(
    Throwable error,
    String errorId,
    HttpRequestView request,
    int status,
    Map<String, String> context,
    String thread) {}
