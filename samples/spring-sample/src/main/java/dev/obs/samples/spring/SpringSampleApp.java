package dev.obs.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application with an embedded H2 database, instrumented by the obs starter
 * alone: there is no obs code here, only {@code application.properties}. Request metrics with route
 * templates, {@code /metrics}, {@code /livez}, {@code /readyz} and {@code /healthz} with a check of
 * the database, JSON logs with request ids, and Sentry when {@code SENTRY_DSN} is set all come from
 * the starter.
 *
 * <p>Run it from the repository root with the command in the README; the port is 8080 unless {@code
 * PORT} says otherwise, on loopback unless {@code HOST} names another address.
 */
@SpringBootApplication
public class SpringSampleApp {
  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(SpringSampleApp.class, args);
  }
}
