package dev.obs.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.history.History;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves {@code /status.json} for status aggregators: the overall status with a Statuspage-style
 * indicator, each public component and the recent incidents. It shows exactly what the HTML page
 * shows, nothing more.
 */
final class StatusJsonServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient History history;
  private final transient ObjectMapper json = new ObjectMapper();

  StatusJsonServlet(History history) {
    this.history = history;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    StatusView view = StatusView.of(history.snapshot(), history.health());
    res.setHeader("Access-Control-Allow-Origin", "*");
    JsonResponses.write(res, json.writeValueAsString(StatusJson.status(view)));
  }
}
