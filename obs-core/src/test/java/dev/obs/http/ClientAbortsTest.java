package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ClientAbortsTest {
  /** Stands in for Jetty's exception: recognised by its class name, like the real one. */
  @Test
  void aBrokenPipeOrResetInTheCauseChainIsAClientAbort() {
    assertThat(ClientAborts.isClientAbort(new IOException("Broken pipe"))).isTrue();
    assertThat(
            ClientAborts.isClientAbort(
                new UncheckedIOException(new IOException("Connection reset by peer"))))
        .isTrue();
    assertThat(ClientAborts.isClientAbort(new RuntimeException(new ClosedChannelException())))
        .isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(ClientAborts.isClientAbort(null)).isFalse();
    assertThat(ClientAborts.isClientAbort(new IllegalStateException("broken pipe"))).isFalse();
    assertThat(ClientAborts.isClientAbort(new IOException("disk full"))).isFalse();
    assertThat(ClientAborts.isClientAbort(new EOFException("truncated file"))).isFalse();
  }
}
