package dev.obs.spring.it;

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

    @GetMapping("/orders/{id}/fail")
    String fail(@PathVariable String id) {
      throw new IllegalStateException("order " + id + " is locked");
    }
  }
}
