package dev.obs.spring.it.conflict;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application that maps {@code /status} itself, which obs's status page would shadow. */
@SpringBootApplication
public class StatusApp {
  /** The application's own status endpoint. */
  @RestController
  static class Status {
    @GetMapping("/status")
    String status() {
      return "the app's own status";
    }
  }
}
