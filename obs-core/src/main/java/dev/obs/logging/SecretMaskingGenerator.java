package dev.obs.logging;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import org.jspecify.annotations.Nullable;

/**
 * Applies obs's field and value maskers while an event is written: the value of a field with a
 * secret name (a scalar, or a whole object or array) becomes {@code ****}, and secrets inside every
 * other string value are masked. It does what logstash-logback-encoder's masking generator does for
 * these two maskers, without its per-write path bookkeeping, which alone cost more than half of
 * encoding a typical line (see docs/performance.md).
 */
final class SecretMaskingGenerator extends JsonGeneratorDelegate {
  private final SecretFieldMasker fields;
  private final SecretValueMasker values;
  private boolean maskNextValue;
  private int skipDepth;

  private SecretMaskingGenerator(
      JsonGenerator delegate, SecretFieldMasker fields, SecretValueMasker values) {
    // false: serialisation of objects and trees comes back through this generator's methods.
    super(delegate, false);
    this.fields = fields;
    this.values = values;
  }

  /** The decorator the encoder applies to each event's generator. */
  static JsonGeneratorDecorator decorator(SecretFieldMasker fields, SecretValueMasker values) {
    return generator -> new SecretMaskingGenerator(generator, fields, values);
  }

  /** True when the write is swallowed: inside a masked subtree, or replaced by the mask. */
  private boolean maskedOrSkipped() throws IOException {
    if (skipDepth > 0) {
      return true;
    }
    if (maskNextValue) {
      maskNextValue = false;
      delegate.writeString(SecretValueMasker.MASK);
      return true;
    }
    return false;
  }

  private boolean startContainer() throws IOException {
    if (skipDepth > 0) {
      skipDepth++;
      return true;
    }
    if (maskNextValue) {
      maskNextValue = false;
      delegate.writeString(SecretValueMasker.MASK);
      skipDepth = 1;
      return true;
    }
    return false;
  }

  private boolean endContainer() {
    if (skipDepth > 0) {
      skipDepth--;
      return true;
    }
    return false;
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    if (skipDepth == 0) {
      maskNextValue = fields.isSecret(name);
      delegate.writeFieldName(name);
    }
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    if (skipDepth == 0) {
      maskNextValue = fields.isSecret(name.getValue());
      delegate.writeFieldName(name);
    }
  }

  @Override
  public void writeString(@Nullable String text) throws IOException {
    if (maskedOrSkipped()) {
      return;
    }
    if (text == null) {
      delegate.writeNull();
      return;
    }
    Object masked = values.mask(delegate.getOutputContext(), text);
    delegate.writeString(masked instanceof String m ? m : text);
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    writeString(text.getValue());
  }

  @Override
  public void writeString(Reader reader, int len) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[1024];
    int remaining = len < 0 ? Integer.MAX_VALUE : len;
    int n;
    while (remaining > 0 && (n = reader.read(buffer, 0, Math.min(buffer.length, remaining))) > 0) {
      text.append(buffer, 0, n);
      remaining -= n;
    }
    writeString(text.toString());
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void writeStartObject() throws IOException {
    if (!startContainer()) {
      delegate.writeStartObject();
    }
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    if (!startContainer()) {
      delegate.writeStartObject(forValue);
    }
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    if (!startContainer()) {
      delegate.writeStartObject(forValue, size);
    }
  }

  @Override
  public void writeEndObject() throws IOException {
    if (!endContainer()) {
      delegate.writeEndObject();
    }
  }

  @Override
  public void writeStartArray() throws IOException {
    if (!startContainer()) {
      delegate.writeStartArray();
    }
  }

  @Override
  public void writeStartArray(int size) throws IOException {
    if (!startContainer()) {
      delegate.writeStartArray(size);
    }
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    if (!startContainer()) {
      delegate.writeStartArray(forValue);
    }
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    if (!startContainer()) {
      delegate.writeStartArray(forValue, size);
    }
  }

  @Override
  public void writeEndArray() throws IOException {
    if (!endContainer()) {
      delegate.writeEndArray();
    }
  }

  @Override
  public void writeArray(int[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(long[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(double[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(String[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeString(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeNumber(short v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(int v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(long v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(BigInteger v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(double v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(String encodedValue) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(encodedValue);
    }
  }

  @Override
  public void writeNumber(char[] encodedValue, int offset, int len) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNumber(encodedValue, offset, len);
    }
  }

  @Override
  public void writeBoolean(boolean state) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeBoolean(state);
    }
  }

  @Override
  public void writeNull() throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeNull();
    }
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len)
      throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeBinary(variant, data, offset, len);
    }
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int dataLength)
      throws IOException {
    if (maskedOrSkipped()) {
      return 0;
    }
    return delegate.writeBinary(variant, data, dataLength);
  }

  @Override
  public void writeRawValue(String text) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeRawValue(text);
    }
  }

  @Override
  public void writeRawValue(String text, int offset, int len) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeRawValue(text, offset, len);
    }
  }

  @Override
  public void writeRawValue(char[] text, int offset, int len) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeRawValue(text, offset, len);
    }
  }

  @Override
  public void writeEmbeddedObject(Object object) throws IOException {
    if (!maskedOrSkipped()) {
      delegate.writeEmbeddedObject(object);
    }
  }

  @Override
  public void writeObject(@Nullable Object pojo) throws IOException {
    if (pojo instanceof String text) {
      writeString(text);
    } else if (skipDepth > 0 || maskNextValue) {
      // A masked value: write the mask, or nothing inside a masked subtree.
      maskedOrSkipped();
    } else {
      super.writeObject(pojo);
    }
  }

  @Override
  public void writePOJO(@Nullable Object pojo) throws IOException {
    writeObject(pojo);
  }

  @Override
  public void writeTree(@Nullable TreeNode tree) throws IOException {
    if (skipDepth > 0 || maskNextValue) {
      maskedOrSkipped();
    } else {
      super.writeTree(tree);
    }
  }
}
