package dev.obs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretUrlsTest {
  @Test
  void aSlackWebhookKeepsOnlyItsHostAndTheWordServices() {
    assertThat(
            SecretUrls.redact(
                "https://hooks.slack.com/services/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"))
        .isEqualTo("https://hooks.slack.com/services/***/***/***");
  }

  @Test
  void aTelegramBotTokenIsMasked() {
    assertThat(
            SecretUrls.redact(
                "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"))
        .isEqualTo("https://api.telegram.org/***/sendMessage");
  }

  @Test
  void aWebhookLosesItsUserInfoPathIdAndQueryValues() {
    assertThat(
            SecretUrls.redact(
                "http://user:SECRET@n8n.internal:5678/webhook/3f2a9c1e-77b0-4c1d?token=hunter2&x=1"))
        .isEqualTo("http://***@n8n.internal:5678/webhook/***?token=***&x=***");
  }

  @Test
  void anAlertmanagerUrlKeepsItsPathWords() {
    assertThat(SecretUrls.redact("https://admin:pw@alertmanager.example.com:9093/api/v2/alerts"))
        .isEqualTo("https://***@alertmanager.example.com:9093/api/v2/alerts");
  }

  @Test
  void anS3EndpointLosesItsCredentialsAndSignature() {
    assertThat(
            SecretUrls.redact(
                "https://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI@s3.eu-west-1.amazonaws.com/backups"
                    + "?X-Amz-Credential=AKIA&X-Amz-Signature=abc123"))
        .isEqualTo(
            "https://***@s3.eu-west-1.amazonaws.com/backups"
                + "?X-Amz-Credential=***&X-Amz-Signature=***");
  }

  @Test
  void anInvalidUrlIsStillRedactedAsFarAsItsShapeAllows() {
    assertThat(SecretUrls.redact("ht tp://user:SECRET@host/a b?key=SECRET"))
        .isEqualTo("ht tp://***@host/a b?key=***");
  }
}
