package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the copy of an Azure or Entra record that Sigma rules see, so that one rule matches every
 * export of the same log.
 *
 * <p>Repairs: {@code identity}, {@code claims}, {@code properties} and {@code authorization} given
 * as JSON-encoded strings are decoded into objects, as are {@code identity.claims} and {@code
 * identity.authorization}. Azure REST {@code {value, localizedValue}} objects at the top level are
 * replaced by their {@code value}. For Entra logs, the nested objects and arrays inside {@code
 * properties} that are given as strings are decoded too.
 *
 * <p>A Log Analytics export also gets the diagnostic-settings field names ({@code operationName}
 * from {@code OperationNameValue}, {@code properties.appId} from {@code AppId} and more), as {@link
 * LogAnalyticsFields} lists, so built-in rules match both layouts.
 *
 * <p>A Microsoft Graph {@code directoryAudit} record (audit fields such as {@code
 * activityDisplayName} at the top level, no {@code properties}) gets a {@code properties} object
 * with a copy of its fields, as the diagnostic-settings layout nests them, so audit rules written
 * for {@code properties.activityDisplayName} match it too.
 *
 * <p>The input node is never mutated: the record is copied once, and only when a repair applies.
 *
 * <p>NOTE: field names are not case-folded, so a rule written for {@code operationName} still needs
 * case-insensitive field matching to match a lower-cased export ({@code operationname}).
 */
final class AzureRecordRepair {

  private static final List<String> ENCODED_TOP_LEVEL =
      List.of("identity", "claims", "properties", "authorization", "Authorization");

  private static final List<String> ENCODED_IN_IDENTITY = List.of("claims", "authorization");

  /**
   * Entra {@code properties} children that some exports give as strings. Activity Log children such
   * as {@code requestbody} stay strings on purpose: rules match substrings in them.
   */
  private static final List<String> ENCODED_ENTRA_PROPERTIES =
      List.of(
          "status",
          "deviceDetail",
          "location",
          "mfaDetail",
          "authenticationDetails",
          "authenticationProcessingDetails",
          "appliedConditionalAccessPolicies",
          "conditionalAccessAudiences",
          "networkLocationDetails",
          "initiatedBy",
          "targetResources",
          "additionalDetails");

  private AzureRecordRepair() {}

  /** Returns the record itself when it needs no repair, else a repaired deep copy. */
  static JsonNode repair(JsonNode record, boolean entra) {
    if (!record.isObject()) {
      return record;
    }
    boolean logAnalytics = LogAnalyticsFields.applies(record);
    boolean graphAudit = entra && !logAnalytics && isGraphAudit(record);
    if (!logAnalytics && !graphAudit && !needsRepair(record, entra)) {
      return record;
    }
    ObjectNode copy = record.deepCopy();
    if (logAnalytics) {
      LogAnalyticsFields.addDiagnosticSettingsFields(copy);
    }
    if (graphAudit) {
      copy.set("properties", record.deepCopy());
    }

    for (String name : ENCODED_TOP_LEVEL) {
      decodeField(copy, name);
    }
    JsonNode identity = copy.get("identity");
    if (identity instanceof ObjectNode identityObject) {
      for (String name : ENCODED_IN_IDENTITY) {
        decodeField(identityObject, name);
      }
    }
    List<String> localized = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : copy.properties()) {
      if (isLocalizedValue(entry.getValue())) {
        localized.add(entry.getKey());
      }
    }
    for (String name : localized) {
      copy.set(name, copy.get(name).get("value"));
    }
    JsonNode properties = copy.get("properties");
    if (entra && properties instanceof ObjectNode propertiesObject) {
      for (String name : ENCODED_ENTRA_PROPERTIES) {
        decodeField(propertiesObject, name);
      }
    }
    return copy;
  }

  /** True for a Graph {@code directoryAudit} record: audit fields at the top level. */
  private static boolean isGraphAudit(JsonNode record) {
    return !record.has("properties")
        && record.has("activityDisplayName")
        && record.has("activityDateTime");
  }

  private static boolean needsRepair(JsonNode record, boolean entra) {
    for (String name : ENCODED_TOP_LEVEL) {
      if (isEncoded(record.get(name))) {
        return true;
      }
    }
    JsonNode identity = record.get("identity");
    if (identity != null && identity.isObject()) {
      for (String name : ENCODED_IN_IDENTITY) {
        if (isEncoded(identity.get(name))) {
          return true;
        }
      }
    }
    for (Map.Entry<String, JsonNode> entry : record.properties()) {
      if (isLocalizedValue(entry.getValue())) {
        return true;
      }
    }
    JsonNode properties = JsonFields.decoded(record.get("properties"));
    if (entra && properties != null && properties.isObject()) {
      for (String name : ENCODED_ENTRA_PROPERTIES) {
        if (isEncoded(properties.get(name))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void decodeField(ObjectNode object, String name) {
    JsonNode value = object.get(name);
    if (isEncoded(value)) {
      object.set(name, JsonFields.decoded(value));
    }
  }

  private static boolean isEncoded(JsonNode value) {
    return value != null && value.isTextual() && JsonFields.decoded(value).isContainerNode();
  }

  /** True for an Azure REST {@code {value, localizedValue}} object. */
  private static boolean isLocalizedValue(JsonNode value) {
    if (value == null || !value.isObject() || !value.has("value")) {
      return false;
    }
    JsonNode inner = value.get("value");
    return inner.isValueNode()
        && value.size() <= 2
        && (value.size() == 1 || value.has("localizedValue"));
  }
}
