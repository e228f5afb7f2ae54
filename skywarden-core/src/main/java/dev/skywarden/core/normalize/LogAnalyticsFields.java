package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Adds the diagnostic-settings field names to a Log Analytics export of an Azure Activity or Entra
 * ID record, so that a rule written for one layout matches both.
 *
 * <p>A record is a Log Analytics export when its {@code Type} column names a table ({@code
 * AzureActivity}, {@code SigninLogs}, {@code AuditLogs} and the {@code AAD...SignInLogs} tables) or
 * it has {@code OperationNameValue}. The added fields, with their source columns:
 *
 * <ul>
 *   <li>AzureActivity: {@code operationName} from {@code OperationNameValue}, {@code resultType}
 *       from {@code ActivityStatusValue}, {@code resultSignature} from {@code
 *       ActivitySubstatusValue}, {@code category} from {@code CategoryValue}, {@code
 *       callerIpAddress} from {@code CallerIpAddress}, {@code resourceId} from {@code ResourceId}
 *       or {@code _ResourceId}, {@code identity.claims} from {@code Claims_d} or {@code Claims},
 *       {@code identity.authorization} from {@code Authorization_d} or {@code Authorization}, and
 *       {@code properties} from {@code Properties_d} or {@code Properties}.
 *   <li>Entra tables: {@code properties} gets every other column under its camel-case name ({@code
 *       AppId} as {@code appId}, {@code IPAddress} as {@code ipAddress}), with {@code Status} and
 *       the other detail columns decoded when they are JSON text; {@code resultType} comes from
 *       {@code ResultType}.
 * </ul>
 *
 * <p>Fields the record already has under the diagnostic-settings name are kept: the mapping never
 * overwrites. The source columns stay, so rules written for the Log Analytics names match too.
 */
final class LogAnalyticsFields {

  private static final Set<String> ENTRA_TABLES =
      Set.of(
          "signinlogs",
          "aadnoninteractiveusersigninlogs",
          "aadserviceprincipalsigninlogs",
          "aadmanagedidentitysigninlogs",
          "auditlogs");

  /** Activity columns and the diagnostic-settings field each one gives, first source first. */
  private static final List<Map.Entry<String, List<String>>> ACTIVITY_COLUMNS =
      List.of(
          Map.entry("operationName", List.of("OperationNameValue")),
          Map.entry("resultType", List.of("ActivityStatusValue")),
          Map.entry("resultSignature", List.of("ActivitySubstatusValue")),
          Map.entry("category", List.of("CategoryValue")),
          Map.entry("callerIpAddress", List.of("CallerIpAddress")),
          Map.entry("resourceId", List.of("ResourceId", "_ResourceId")),
          Map.entry("correlationId", List.of("CorrelationId")));

  /** Entra columns whose camel-case name is not the column name with a lower-case first letter. */
  private static final Map<String, String> ENTRA_NAMES =
      Map.of("IPAddress", "ipAddress", "AADTenantId", "aadTenantId");

  /** Entra columns that are not record properties in the diagnostic-settings layout. */
  private static final Set<String> ENTRA_SKIPPED =
      Set.of("TimeGenerated", "Type", "TenantId", "SourceSystem", "_ResourceId");

  private LogAnalyticsFields() {}

  /** Returns true when the record is a Log Analytics export that lacks a mapped field. */
  static boolean applies(JsonNode record) {
    String table = table(record);
    if ("azureactivity".equals(table) || record.has("OperationNameValue")) {
      return !record.has("operationName") || !record.has("properties");
    }
    return ENTRA_TABLES.contains(table) && !record.has("properties");
  }

  /** Adds the mapped fields to a copy that {@link #applies(JsonNode)} accepted. */
  static void addDiagnosticSettingsFields(ObjectNode copy) {
    if (ENTRA_TABLES.contains(table(copy))) {
      addEntraFields(copy);
    } else {
      addActivityFields(copy);
    }
  }

  private static void addActivityFields(ObjectNode copy) {
    for (Map.Entry<String, List<String>> column : ACTIVITY_COLUMNS) {
      putFirst(copy, column.getKey(), column.getValue());
    }
    ObjectNode identity =
        copy.get("identity") instanceof ObjectNode existing ? existing : copy.objectNode();
    putFirst(identity, "claims", List.of("Claims_d", "Claims"), copy);
    putFirst(identity, "authorization", List.of("Authorization_d", "Authorization"), copy);
    if (!identity.isEmpty() && !copy.has("identity")) {
      copy.set("identity", identity);
    }
    putFirst(copy, "properties", List.of("Properties_d", "Properties"));
  }

  private static void addEntraFields(ObjectNode copy) {
    ObjectNode properties = copy.objectNode();
    for (Map.Entry<String, JsonNode> column : copy.properties()) {
      String name = column.getKey();
      if (ENTRA_SKIPPED.contains(name) || column.getValue().isNull()) {
        continue;
      }
      JsonNode value = column.getValue();
      JsonNode decoded = value.isTextual() ? JsonFields.decoded(value) : value;
      properties.set(camelCase(name), decoded.isContainerNode() ? decoded : value);
    }
    copy.set("properties", properties);
    putFirst(copy, "resultType", List.of("ResultType"));
  }

  /** Sets {@code name} from the first present source column, unless the copy has it already. */
  private static void putFirst(ObjectNode copy, String name, List<String> sources) {
    putFirst(copy, name, sources, copy);
  }

  private static void putFirst(
      ObjectNode target, String name, List<String> sources, ObjectNode record) {
    if (target.has(name)) {
      return;
    }
    for (String source : sources) {
      JsonNode value = record.get(source);
      if (value != null && !value.isNull()) {
        JsonNode decoded = value.isTextual() ? JsonFields.decoded(value) : value;
        target.set(name, decoded.isContainerNode() ? decoded : value);
        return;
      }
    }
  }

  private static String camelCase(String column) {
    String mapped = ENTRA_NAMES.get(column);
    if (mapped != null) {
      return mapped;
    }
    return column.substring(0, 1).toLowerCase(Locale.ROOT) + column.substring(1);
  }

  private static String table(JsonNode record) {
    JsonNode type = record.get("Type");
    return type != null && type.isTextual() ? type.asText().toLowerCase(Locale.ROOT) : "";
  }
}
