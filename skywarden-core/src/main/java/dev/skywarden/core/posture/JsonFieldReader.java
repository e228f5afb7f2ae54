package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of one export, raising {@link PostureInputException} with the file and
 * the JSON path of a field that has the wrong type. Holds only the file name, so cheap to make per
 * export; not shared between threads.
 */
public final class JsonFieldReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;

  /** Creates a reader whose errors name {@code file}. */
  public JsonFieldReader(String file) {
    this.file = file;
  }

  /** Returns the file name errors name. */
  public String file() {
    return file;
  }

  /**
   * Returns a required text field.
   *
   * @throws PostureInputException when it is missing, null or not text
   */
  public String text(JsonNode node, String field, String path) throws PostureInputException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new PostureInputException(file, "field '" + path + "." + field + "' is missing");
    }
    if (!value.isTextual()) {
      throw new PostureInputException(
          file, "field '" + path + "." + field + "': expected text, got " + value.getNodeType());
    }
    return value.asText();
  }

  /**
   * Returns an optional text field, or {@code null}; numbers and booleans are read as their text.
   *
   * @throws PostureInputException when it is an object or array
   */
  public String optionalText(JsonNode node, String field, String path)
      throws PostureInputException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isContainerNode()) {
      throw new PostureInputException(
          file, "field '" + path + "." + field + "': expected text, got " + value.getNodeType());
    }
    return value.asText();
  }

  /**
   * Returns the elements of an optional array field; empty when absent.
   *
   * @throws PostureInputException when the field is present but not an array
   */
  public List<JsonNode> array(JsonNode node, String field, String path)
      throws PostureInputException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new PostureInputException(
          file,
          "field '" + path + "." + field + "': expected an array, got " + value.getNodeType());
    }
    List<JsonNode> elements = new ArrayList<>();
    value.forEach(elements::add);
    return elements;
  }

  /**
   * Returns an optional object field, or a missing node when absent. A JSON document stored as text
   * (as URL-decoded policy documents sometimes are) is parsed.
   *
   * @throws PostureInputException when the field is neither an object nor JSON text
   */
  public JsonNode object(JsonNode node, String field, String path) throws PostureInputException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return MissingNode.getInstance();
    }
    if (value.isTextual()) {
      try {
        value =
            MAPPER.readTree(
                java.net.URLDecoder.decode(
                    value.asText(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new PostureInputException(
            file, "field '" + path + "." + field + "': text is not a JSON document", e);
      }
    }
    if (!value.isObject()) {
      throw new PostureInputException(
          file,
          "field '" + path + "." + field + "': expected an object, got " + value.getNodeType());
    }
    return value;
  }

  /**
   * Returns an element of a list export as an object.
   *
   * @throws PostureInputException when it is not an object
   */
  public JsonNode element(JsonNode value, String path) throws PostureInputException {
    if (!value.isObject()) {
      throw new PostureInputException(
          file, "'" + path + "': expected an object, got " + value.getNodeType());
    }
    return value;
  }
}
