package dev.obs.spring.it;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A Spring MVC application with the starter on its class path and nothing else of obs. */
@SpringBootApplication
class TestApp {
  @RestController
  static class Endpoints {
    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

    @GetMapping("/hello")
    String hello() {
      log.info("saying hello");
      return "hello";
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable String id) {
      return "user " + id;
    }

    /** 64 MB, far more than socket buffers hold, so a client that resets leaves it mid-body. */
    @GetMapping("/download")
    void download(HttpServletResponse response) throws IOException {
      response.setContentType("application/octet-stream");
      response.setContentLengthLong(64L * 1024 * 1024);
      byte[] chunk = new byte[64 * 1024];
      OutputStream out = response.getOutputStream();
      for (int i = 0; i < 1024; i++) {
        out.write(chunk);
      }
    }

    @GetMapping("/orders/{id}/fail")
    String fail(@PathVariable String id) {
      throw new IllegalStateException("order " + id + " is locked");
    }
  }
}
