package dev.obs.samples.servlet;

import dev.obs.servlet.ObsFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /users/{id}}: a user as JSON, or 404 when the id is not a number. It reports its route
 * template to obs, so every user shares one {@code uri="/users/{id}"} series instead of one per id.
 */
final class UsersServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String ROUTE = "/users/{id}";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String pathInfo = req.getPathInfo(); // "/42" for /users/42
    if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
      // Not the shape /users/{id}: no route matched, so obs tags it uri="NOT_FOUND".
      json(res, HttpServletResponse.SC_NOT_FOUND, "{\"error\":\"not found\"}");
      return;
    }
    ObsFilter.setRoute(req, ROUTE);
    String id = pathInfo.substring(1);
    if (!id.chars().allMatch(c -> c >= '0' && c <= '9') || id.length() > 18) {
      // The id is not echoed: it is client input and would need JSON escaping.
      json(res, HttpServletResponse.SC_NOT_FOUND, "{\"error\":\"user ids are numbers\"}");
      return;
    }
    long userId = Long.parseLong(id);
    json(
        res, HttpServletResponse.SC_OK, "{\"id\":" + userId + ",\"name\":\"user-" + userId + "\"}");
  }

  private static void json(HttpServletResponse res, int status, String body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().print(body);
  }
}
