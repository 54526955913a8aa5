package dev.obs.samples.spring;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The sample's endpoints: users read from the H2 database, a greeting and a failure. */
@RestController
class UsersController {
  private static final Logger log = LoggerFactory.getLogger(UsersController.class);

  /** A row of the {@code users} table. */
  record User(long id, String name) {}

  private final JdbcClient jdbc;

  UsersController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/hello")
  String hello() {
    log.info("saying hello");
    return "hello from the obs Spring sample\n";
  }

  @GetMapping("/users")
  List<User> users() {
    return jdbc.sql("SELECT id, name FROM users ORDER BY id").query(User.class).list();
  }

  @GetMapping("/users/{id}")
  User user(@PathVariable long id) {
    log.info("looking up user {}", id);
    return jdbc.sql("SELECT id, name FROM users WHERE id = ?")
        .param(id)
        .query(User.class)
        .optional()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id));
  }

  @GetMapping("/fail")
  String fail() {
    throw new IllegalStateException("the sample fails on purpose");
  }
}
