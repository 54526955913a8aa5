package example.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's one page; it knows nothing of obs. */
public final class HelloServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Creates the servlet; web.xml names it. */
  public HelloServlet() {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write("hello");
  }
}
