package dev.skywarden.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (binary format 2.0) of IPv4 networks, so that tests read a real
 * database through the MaxMind reader instead of a stub.
 *
 * <p>Layout, as the MaxMind DB specification defines it: a binary search tree of 24-bit records
 * (one bit of the address per level, 32 levels for an IPv4 database), 16 zero bytes, the data
 * section, then the marker {@code \xAB\xCD\xEFMaxMind.com} and the metadata map. A record below the
 * node count points to a node, one equal to it means "no data", and one above it points into the
 * data section at {@code record - nodeCount - 16}.
 *
 * <p>Values are written with the types of the specification: {@code String} as UTF-8 string, {@code
 * Integer} and {@code Long} as uint32, {@code BigInteger} as uint64, {@code Boolean} as boolean,
 * {@code Map} as map and {@code List} as array. Nested networks are not supported. Not thread-safe.
 */
final class MmdbWriter {

  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };

  private static final int STRING = 2;
  private static final int UINT16 = 5;
  private static final int UINT32 = 6;
  private static final int MAP = 7;
  private static final int UINT64 = 9;
  private static final int ARRAY = 11;
  private static final int BOOLEAN = 14;

  /** A tree node: each side is null (no data), another node, or an {@code Integer} data offset. */
  private static final class Node {
    final Object[] records = new Object[2];
  }

  private final String databaseType;
  private final Node root = new Node();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  /**
   * Creates a writer of an empty database.
   *
   * @param databaseType the metadata's {@code database_type}, such as {@code GeoLite2-ASN}
   */
  MmdbWriter(String databaseType) {
    this.databaseType = databaseType;
  }

  /**
   * Adds a network with its record.
   *
   * @param cidr an IPv4 network such as {@code 198.51.100.0/24}
   * @throws IllegalArgumentException when the network overlaps one added before
   */
  MmdbWriter network(String cidr, Map<String, ?> record) throws IOException {
    int slash = cidr.indexOf('/');
    byte[] address = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
    int prefixLength = Integer.parseInt(cidr.substring(slash + 1));
    if (address.length != 4 || prefixLength < 1 || prefixLength > 32) {
      throw new IllegalArgumentException(
          "expected an IPv4 network with a prefix of 1 to 32: " + cidr);
    }
    Integer offset = data.size();
    encode(record, data);

    Node node = root;
    for (int bit = 0; bit < prefixLength; bit++) {
      int side = (address[bit / 8] >> (7 - bit % 8)) & 1;
      if (bit == prefixLength - 1) {
        if (node.records[side] != null) {
          throw new IllegalArgumentException("network overlaps one added before: " + cidr);
        }
        node.records[side] = offset;
      } else if (node.records[side] == null) {
        Node child = new Node();
        node.records[side] = child;
        node = child;
      } else if (node.records[side] instanceof Node child) {
        node = child;
      } else {
        throw new IllegalArgumentException("network lies inside one added before: " + cidr);
      }
    }
    return this;
  }

  /** Writes the database to {@code file} and returns the file. */
  Path write(Path file) throws IOException {
    List<Node> nodes = new ArrayList<>();
    IdentityHashMap<Node, Integer> numbers = new IdentityHashMap<>();
    Deque<Node> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Node node = queue.removeFirst();
      numbers.put(node, nodes.size());
      nodes.add(node);
      for (Object record : node.records) {
        if (record instanceof Node child) {
          queue.addLast(child);
        }
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long nodeCount = nodes.size();
    for (Node node : nodes) {
      for (Object record : node.records) {
        long value;
        if (record instanceof Node child) {
          value = numbers.get(child);
        } else if (record instanceof Integer offset) {
          value = nodeCount + 16 + offset;
        } else {
          value = nodeCount;
        }
        out.write((int) (value >> 16) & 0xff);
        out.write((int) (value >> 8) & 0xff);
        out.write((int) value & 0xff);
      }
    }
    out.write(new byte[16]);
    data.writeTo(out);
    out.write(METADATA_MARKER);

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", new Uint16(2));
    metadata.put("binary_format_minor_version", new Uint16(0));
    metadata.put("build_epoch", BigInteger.valueOf(1_767_225_600L));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", "Skywarden test database"));
    metadata.put("ip_version", new Uint16(4));
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", nodeCount);
    metadata.put("record_size", new Uint16(24));
    encode(metadata, out);

    Files.write(file, out.toByteArray());
    return file;
  }

  /** A value to write as uint16, as the metadata's version, IP version and record size are. */
  private record Uint16(int value) {}

  private static void encode(Object value, ByteArrayOutputStream out) {
    if (value instanceof String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      control(STRING, bytes.length, out);
      out.writeBytes(bytes);
    } else if (value instanceof Uint16 number) {
      unsigned(UINT16, BigInteger.valueOf(number.value()), out);
    } else if (value instanceof Integer || value instanceof Long) {
      unsigned(UINT32, BigInteger.valueOf(((Number) value).longValue()), out);
    } else if (value instanceof BigInteger number) {
      unsigned(UINT64, number, out);
    } else if (value instanceof Boolean flag) {
      control(BOOLEAN, flag ? 1 : 0, out);
    } else if (value instanceof Map<?, ?> map) {
      control(MAP, map.size(), out);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        encode((String) entry.getKey(), out);
        encode(entry.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      control(ARRAY, list.size(), out);
      for (Object item : list) {
        encode(item, out);
      }
    } else {
      throw new IllegalArgumentException("no MaxMind DB type for " + value);
    }
  }

  /** Writes an unsigned integer in the fewest big-endian bytes (none for 0). */
  private static void unsigned(int type, BigInteger value, ByteArrayOutputStream out) {
    byte[] bytes = value.toByteArray();
    int start = 0;
    while (start < bytes.length && bytes[start] == 0) {
      start++;
    }
    control(type, bytes.length - start, out);
    out.write(bytes, start, bytes.length - start);
  }

  /**
   * Writes a control byte: the type in the top 3 bits (0 and an extra byte of {@code type - 7} for
   * the extended types), the size in the low 5 bits, and 1 to 3 more bytes for sizes of 29 and up.
   */
  private static void control(int type, int size, ByteArrayOutputStream out) {
    int sizeBits;
    byte[] extra;
    if (size < 29) {
      sizeBits = size;
      extra = new byte[0];
    } else if (size < 29 + 256) {
      sizeBits = 29;
      extra = new byte[] {(byte) (size - 29)};
    } else if (size < 285 + 65_536) {
      sizeBits = 30;
      int rest = size - 285;
      extra = new byte[] {(byte) (rest >> 8), (byte) rest};
    } else {
      sizeBits = 31;
      int rest = size - 65_821;
      extra = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
    }
    if (type <= 7) {
      out.write((type << 5) | sizeBits);
    } else {
      out.write(sizeBits);
      out.write(type - 7);
    }
    out.writeBytes(extra);
  }
}
