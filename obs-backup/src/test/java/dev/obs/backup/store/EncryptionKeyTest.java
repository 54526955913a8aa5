package dev.obs.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncryptionKeyTest {
  private static final EncryptionKey KEY = EncryptionKey.parse("ab".repeat(32));

  private static byte[] encrypt(EncryptionKey key, byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = key.encrypt(out)) {
      enc.write(plain);
    }
    return out.toByteArray();
  }

  private static byte[] decrypt(EncryptionKey key, byte[] sealed) throws IOException {
    try (InputStream in = key.decrypt(new ByteArrayInputStream(sealed))) {
      return in.readAllBytes();
    }
  }

  @Test
  void roundTripsAcrossManyChunks() throws Exception {
    byte[] plain = new byte[3 * GcmChunks.CHUNK + 123];
    new Random(1).nextBytes(plain);

    byte[] sealed = encrypt(KEY, plain);

    assertThat(sealed.length).isGreaterThan(plain.length);
    assertThat(decrypt(KEY, sealed)).isEqualTo(plain);
    assertThat(decrypt(KEY, encrypt(KEY, new byte[0]))).isEmpty();
  }

  @Test
  void aWrongKeyIsNamedBeforeAnyByteIsDecrypted() throws Exception {
    EncryptionKey other = EncryptionKey.parse(Base64.getEncoder().encodeToString(new byte[32]));
    byte[] sealed = encrypt(KEY, "secret".getBytes());

    assertThatThrownBy(() -> decrypt(other, sealed))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "wrong encryption key: the backup was encrypted with key id "
                + KEY.id()
                + ", the configured key has id "
                + other.id());
  }

  @Test
  void aChangedByteFailsAuthenticationInsteadOfYieldingGarbage() throws Exception {
    byte[] plain = new byte[2 * GcmChunks.CHUNK];
    byte[] sealed = encrypt(KEY, plain);
    sealed[sealed.length - 100] ^= 1;

    assertThatThrownBy(() -> decrypt(KEY, sealed))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "encrypted backup failed authentication in chunk 1: the data was altered or the key is"
                + " wrong");
  }

  @Test
  void aTruncatedStreamIsAnError() throws Exception {
    byte[] plain = new byte[2 * GcmChunks.CHUNK + 10];
    byte[] sealed = encrypt(KEY, plain);
    // Cut after the first whole chunk: header (7 + 1 + 16 + 8 bytes) and one sealed chunk.
    int cut = 7 + 1 + 16 + 8 + 4 + GcmChunks.CHUNK + 16;
    byte[] truncated = Arrays.copyOf(sealed, cut);

    assertThatThrownBy(() -> decrypt(KEY, truncated))
        .isInstanceOf(IOException.class)
        .hasMessage("encrypted backup is truncated: its last chunk is missing");
  }

  @Test
  void keysMustBe32Bytes() {
    assertThatThrownBy(() -> EncryptionKey.parse("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an AES-256 key must be 32 bytes, got 5 bytes");
    assertThatThrownBy(() -> EncryptionKey.parse("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an AES-256 key must be 32 bytes written as base64 or 64 hex digits");
    assertThat(KEY.id()).hasSize(16).isEqualTo(EncryptionKey.parse("AB".repeat(32)).id());
    assertThat(KEY.toString()).doesNotContain("ab".repeat(4));
  }
}
