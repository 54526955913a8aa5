package dev.obs.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A 256-bit AES key for backups, with a short id that goes into each manifest so a wrong key is
 * named before any byte is decrypted. Backups are encrypted with AES-256-GCM in authenticated 64
 * KiB chunks, so a changed, reordered or truncated byte is an error, never garbage.
 *
 * <pre>{@code
 * EncryptionKey key = EncryptionKey.fromEnvironment("BACKUP_KEY"); // 32 bytes, base64 or hex
 * }</pre>
 */
public final class EncryptionKey {
  private final SecretKeySpec key;
  private final String id;

  private EncryptionKey(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "an AES-256 key must be 32 bytes, got " + bytes.length + " bytes");
    }
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = idOf(bytes);
  }

  /**
   * Parses a key written as base64 or as 64 hex digits.
   *
   * @param text the key text
   * @return the key
   * @throws IllegalArgumentException when the text is not a 32-byte key
   */
  public static EncryptionKey parse(String text) {
    String t = text.trim();
    byte[] bytes;
    if (t.length() == 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      bytes = HexFormat.of().parseHex(t);
    } else {
      try {
        bytes = Base64.getDecoder().decode(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "an AES-256 key must be 32 bytes written as base64 or 64 hex digits", e);
      }
    }
    return new EncryptionKey(bytes);
  }

  /**
   * Reads a key from an environment variable.
   *
   * @param variable the variable's name
   * @return the key
   * @throws IllegalArgumentException when the variable is unset or not a key
   */
  public static EncryptionKey fromEnvironment(String variable) {
    @Nullable String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set");
    }
    return parse(value);
  }

  /**
   * Reads a key from a file holding its base64 or hex text.
   *
   * @param file the file
   * @return the key
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the file holds no key
   */
  public static EncryptionKey fromFile(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Returns the key's id: 16 hex digits derived from the key, safe to store and show.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Wraps a stream so what is written to it is encrypted into {@code out}. Closing the returned
   * stream writes the final chunk and closes {@code out}.
   *
   * @param out where the encrypted bytes go
   * @return the plaintext side
   * @throws IOException when the header cannot be written
   */
  public OutputStream encrypt(OutputStream out) throws IOException {
    return new GcmChunks.Encrypting(out, key, id);
  }

  /**
   * Wraps an encrypted stream so reading it yields the plaintext, checking every chunk.
   *
   * @param in the encrypted bytes
   * @return the plaintext
   * @throws IOException when the stream was encrypted with another key or is not an encrypted
   *     backup; reading fails when a chunk was altered or the stream is truncated
   */
  public InputStream decrypt(InputStream in) throws IOException {
    return new GcmChunks.Decrypting(in, key, id);
  }

  @Override
  public String toString() {
    return "EncryptionKey[id=" + id + "]";
  }

  private static String idOf(byte[] bytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("obs-backup-key-id".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(bytes);
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
