package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a GCP audited call only reads, from {@code authorizationInfo[].permissionType}
 * when present, else from the verb that ends the method name ({@code ...instances.list}, {@code
 * ...SecretManagerService.AccessSecretVersion}, {@code io.k8s.core.v1.pods.create}).
 */
final class GcpMethodVerbs {

  private static final List<String> READ_VERBS =
      List.of(
          "get",
          "list",
          "aggregatedlist",
          "search",
          "lookup",
          "read",
          "access",
          "query",
          "testiampermissions",
          "batchget",
          "watch",
          "describe");

  private static final List<String> WRITE_VERBS =
      List.of(
          "insert",
          "create",
          "delete",
          "update",
          "patch",
          "set",
          "add",
          "remove",
          "put",
          "write",
          "undelete",
          "move",
          "enable",
          "disable",
          "start",
          "stop",
          "reset",
          "resize",
          "attach",
          "detach",
          "import",
          "export",
          "deploy",
          "run",
          "sign",
          "generate",
          "upload",
          "rotate",
          "cancel",
          "mutate",
          "change",
          "rename",
          "invite",
          "grant",
          "revoke",
          "destroy",
          "restore",
          "apply",
          "execute",
          "abandon",
          "recreate");

  private GcpMethodVerbs() {}

  static Boolean readOnly(JsonNode payload, String method) {
    for (JsonNode authorization :
        JsonFields.elements(JsonFields.path(payload, "authorizationInfo"))) {
      String type = text(authorization, "permissionType");
      if (type != null) {
        return type.endsWith("_READ");
      }
    }
    return fromMethod(method);
  }

  /** Reads the verb at the start of the method name's last dotted segment. */
  static Boolean fromMethod(String method) {
    if (method == null) {
      return null;
    }
    String verb = method.substring(method.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    for (String read : READ_VERBS) {
      if (verb.startsWith(read)) {
        return Boolean.TRUE;
      }
    }
    for (String write : WRITE_VERBS) {
      if (verb.startsWith(write)) {
        return Boolean.FALSE;
      }
    }
    return null;
  }
}
