package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RespTest {
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  private Resp replying(String wire) {
    return new Resp(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), sent);
  }

  @Test
  void commandsGoOutAsArraysOfBulkStrings() throws Exception {
    replying("+OK\r\n").call("AUTH", "app", "pä");

    assertThat(sent.toString(StandardCharsets.UTF_8))
        .isEqualTo("*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$3\r\npä\r\n");
  }

  @Test
  void everyReplyTypeIsRead() throws Exception {
    Resp resp =
        replying("+PONG\r\n-ERR nope\r\n:42\r\n$5\r\na\r\nbc\r\n$-1\r\n*2\r\n:1\r\n$1\r\nx\r\n");

    assertThat(resp.read()).isEqualTo("PONG");
    assertThat(resp.read()).isEqualTo(new Resp.Error("ERR nope"));
    assertThat(resp.read()).isEqualTo(42L);
    assertThat(resp.read()).isEqualTo("a\r\nbc");
    assertThat(resp.read()).isNull();
    assertThat(resp.read()).isEqualTo(Arrays.asList(1L, "x"));
  }

  @Test
  void somethingThatIsNotRedisIsAProtocolError() {
    assertThatThrownBy(() -> replying("HTTP/1.1 400 Bad Request\r\n").read())
        .isInstanceOf(ProtocolException.class)
        .hasMessage("not a RESP reply: 'HTTP/1.1 400 Bad Request'");
  }

  @Test
  void aClosedConnectionIsAnEndOfFile() {
    assertThatThrownBy(() -> replying("$5\r\nab").read())
        .isInstanceOf(EOFException.class)
        .hasMessage("the connection was closed");
  }
}
