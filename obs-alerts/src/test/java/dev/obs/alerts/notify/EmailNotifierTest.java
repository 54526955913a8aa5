package dev.obs.alerts.notify;

import static dev.obs.alerts.notify.TestAlerts.T0;
import static dev.obs.alerts.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailNotifierTest {
  private final ManualClock clock = new ManualClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private GreenMail smtp;
  private Notifications notifications;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    if (notifications != null) {
      notifications.close();
    }
    smtp.stop();
  }

  private EmailSettings settings() {
    return EmailSettings.of(
        "127.0.0.1",
        smtp.getSmtp().getPort(),
        "obs@example.org",
        List.of("oncall@example.org", "lead@example.org"));
  }

  @Test
  void alertIsMailedToEveryRecipientWithTheTitleAsSubject() throws Exception {
    notifications =
        Notifications.builder(registry)
            .clock(clock)
            .backgroundTicks(false)
            .receiver(Receiver.of("email", Notifier.email(settings())))
            .externalUrl("https://app.example.org/status")
            .defaultRoute(
                Route.builder("default").receivers("email").groupWait(Duration.ZERO).build())
            .build();

    notifications.onAlerts(T0, List.of(firing("DiskFull", T0, "mount", "/data")));
    notifications.tick();

    Meters.await(registry, "email", "sent", 1);
    assertThat(smtp.getReceivedMessages()).as("one copy for each recipient").hasSize(2);
    MimeMessage message = smtp.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("[FIRING:1] DiskFull");
    assertThat(message.getFrom()[0].toString()).isEqualTo("obs@example.org");
    assertThat(message.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("oncall@example.org", "lead@example.org");
    assertThat(message.getContent().toString().replace("\r\n", "\n"))
        .isEqualTo(
            "FIRING DiskFull {mount=\"/data\"} value=0.12: DiskFull is firing\n"
                + "\nhttps://app.example.org/status");
    Meters.await(registry, "email", "sent", 1);
  }

  @Test
  void dailyDigestIsMailedAtNineUtcByDefault() throws Exception {
    notifications =
        Notifications.builder(registry)
            .clock(clock)
            .backgroundTicks(false)
            .receiver(Receiver.of("email", Notifier.email(settings())))
            .digest("email", Notifications.DEFAULT_DIGEST_TIME, ZoneOffset.UTC)
            .defaultRoute(Route.builder("default").receivers("log").build())
            .build();
    notifications.onAlerts(T0, List.of(firing("DiskFull", T0, "mount", "/data")));
    notifications.onAlerts(T0, List.of(firing("SlowRequests", T0.plusSeconds(3600))));
    clock.advance(Duration.ofHours(9));

    notifications.tick();

    Meters.await(registry, "email", "sent", 1);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    MimeMessage message = smtp.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("obs daily digest: 2 alerts fired in the last 24 h");
    assertThat(message.getContent().toString().replace("\r\n", "\n"))
        .isEqualTo(
            "2026-03-02T00:00:00Z DiskFull {mount=\"/data\"}: DiskFull is firing\n"
                + "2026-03-02T01:00:00Z SlowRequests: SlowRequests is firing");
  }

  @Test
  void unreachableSmtpServerIsRetried() throws Exception {
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    notifications =
        Notifications.builder(registry)
            .clock(clock)
            .backgroundTicks(false)
            .receiver(
                Receiver.of(
                    "email",
                    Notifier.email(
                        new EmailSettings(
                            "127.0.0.1",
                            port,
                            null,
                            null,
                            false,
                            "obs@example.org",
                            List.of("oncall@example.org"),
                            Duration.ofSeconds(2)))))
            .defaultRoute(
                Route.builder("default").receivers("email").groupWait(Duration.ZERO).build())
            .build();

    notifications.onAlerts(T0, List.of(firing("DiskFull", T0)));
    notifications.tick();

    Meters.await(registry, "email", "retried", 1);
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    clock.advance(Duration.ofSeconds(2));
    notifications.tick();
    Meters.await(registry, "email", "sent", 1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }
}
