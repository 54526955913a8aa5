package dev.obs.backup.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chunked AES-256-GCM format. Header: the magic {@code OBSGCM1}, the key id's length and bytes,
 * and an 8-byte random nonce prefix. Then chunks: a 4-byte length (high bit set on the last chunk)
 * and the ciphertext with its 16-byte tag. The nonce is the prefix and the chunk's index; the
 * associated data is the index and the last-chunk flag, so chunks cannot be reordered, dropped or
 * cut off unnoticed.
 */
final class GcmChunks {
  static final int CHUNK = 64 * 1024;
  private static final byte[] MAGIC = "OBSGCM1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BITS = 128;
  private static final int LAST = 0x80000000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private GcmChunks() {}

  private static byte[] nonce(byte[] prefix, long index) {
    return ByteBuffer.allocate(12).put(prefix).putInt((int) index).array();
  }

  private static byte[] aad(long index, boolean last) {
    return ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array();
  }

  /** Encrypts what is written, one chunk per {@link #CHUNK} bytes. */
  static final class Encrypting extends OutputStream {
    private final OutputStream out;
    private final SecretKeySpec key;
    private final byte[] prefix = new byte[8];
    private final byte[] buffer = new byte[CHUNK];
    private final Cipher cipher;
    private int filled;
    private long index;
    private boolean closed;

    Encrypting(OutputStream out, SecretKeySpec key, String keyId) throws IOException {
      this.out = out;
      this.key = key;
      RANDOM.nextBytes(prefix);
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IOException("AES/GCM is not available in this JVM", e);
      }
      byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
      out.write(MAGIC);
      out.write(id.length);
      out.write(id);
      out.write(prefix);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == CHUNK) {
          flushChunk(false);
        }
        int n = Math.min(len, CHUNK - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void flushChunk(boolean last) throws IOException {
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
        cipher.updateAAD(aad(index, last));
        byte[] sealed = cipher.doFinal(buffer, 0, filled);
        out.write(ByteBuffer.allocate(4).putInt(last ? filled | LAST : filled).array());
        out.write(sealed);
      } catch (GeneralSecurityException e) {
        throw new IOException("encryption failed", e);
      }
      index++;
      filled = 0;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (out) {
        flushChunk(true);
      }
    }
  }

  /** Decrypts and authenticates chunk by chunk. */
  static final class Decrypting extends InputStream {
    private final DataInputStream in;
    private final SecretKeySpec key;
    private final byte[] prefix = new byte[8];
    private final Cipher cipher;
    private byte[] plain = new byte[0];
    private int pos;
    private long index;
    private boolean done;

    Decrypting(InputStream in, SecretKeySpec key, String keyId) throws IOException {
      this.in = new DataInputStream(in);
      this.key = key;
      byte[] magic = new byte[MAGIC.length];
      try {
        this.in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
          throw new IOException("not an encrypted obs backup (no OBSGCM1 header)");
        }
        byte[] id = new byte[this.in.readUnsignedByte()];
        this.in.readFully(id);
        String storedId = new String(id, StandardCharsets.US_ASCII);
        if (!storedId.equals(keyId)) {
          throw new IOException(
              "wrong encryption key: the backup was encrypted with key id "
                  + storedId
                  + ", the configured key has id "
                  + keyId);
        }
        this.in.readFully(prefix);
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (EOFException e) {
        throw new IOException("encrypted backup is truncated in its header", e);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES/GCM is not available in this JVM", e);
      }
    }

    private boolean fill() throws IOException {
      while (pos == plain.length) {
        if (done) {
          return false;
        }
        int header;
        try {
          header = in.readInt();
        } catch (EOFException e) {
          throw new IOException("encrypted backup is truncated: its last chunk is missing", e);
        }
        boolean last = (header & LAST) != 0;
        int length = header & ~LAST;
        if (length > CHUNK) {
          throw new IOException("encrypted backup is corrupt: chunk " + index + " is too long");
        }
        byte[] sealed = new byte[length + TAG_BITS / 8];
        try {
          in.readFully(sealed);
          cipher.init(
              Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
          cipher.updateAAD(aad(index, last));
          plain = cipher.doFinal(sealed);
        } catch (EOFException e) {
          throw new IOException("encrypted backup is truncated in chunk " + index, e);
        } catch (AEADBadTagException e) {
          throw new IOException(
              "encrypted backup failed authentication in chunk "
                  + index
                  + ": the data was altered or the key is wrong",
              e);
        } catch (GeneralSecurityException e) {
          throw new IOException("decryption failed in chunk " + index, e);
        }
        pos = 0;
        index++;
        done = last;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? plain[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, plain.length - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
