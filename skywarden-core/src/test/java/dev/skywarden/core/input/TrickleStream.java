package dev.skywarden.core.input;

import java.io.InputStream;

/** A pipe-like stream: one byte per read and {@code available() == 0}, like a slow writer. */
final class TrickleStream extends InputStream {

  private final byte[] content;
  private int position;

  TrickleStream(byte[] content) {
    this.content = content.clone();
  }

  @Override
  public int read() {
    return position < content.length ? content[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int b = read();
    if (b < 0) {
      return -1;
    }
    buffer[offset] = (byte) b;
    return 1;
  }

  @Override
  public int available() {
    return 0;
  }
}
