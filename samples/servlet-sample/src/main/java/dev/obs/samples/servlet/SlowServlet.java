package dev.obs.samples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /slow}: answers after about 250 ms, to show up in the higher histogram buckets. */
final class SlowServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final long DELAY_MILLIS = 250;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    try {
      Thread.sleep(DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    res.setContentType("text/plain;charset=utf-8");
    res.getWriter().println("slept " + DELAY_MILLIS + " ms");
  }
}
