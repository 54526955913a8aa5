package dev.obs.samples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /fail}: always throws. obs records it as status 500 with {@code
 * exception="IllegalStateException"} and lets the exception reach the container unchanged.
 */
final class FailServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) {
    throw new IllegalStateException("the sample fails on purpose");
  }
}
