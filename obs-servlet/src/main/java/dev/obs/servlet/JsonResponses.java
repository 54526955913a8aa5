package dev.obs.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes small fixed JSON bodies. */
final class JsonResponses {
  private JsonResponses() {}

  static void write(HttpServletResponse res, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
