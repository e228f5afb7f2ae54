package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.ActorType;
import java.util.Locale;

/**
 * The token claims of an Azure Resource Manager call, read from {@code identity.claims} (diagnostic
 * settings), {@code claims} (REST API) or {@code Claims} (Log Analytics), with short claim names
 * tried after the long URI forms.
 */
final class AzureClaims {

  private static final String CLAIMS_URI = "http://schemas.microsoft.com/identity/claims/";
  private static final String XMLSOAP_URI =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";

  private final JsonNode claims;

  private AzureClaims(JsonNode claims) {
    this.claims = claims;
  }

  /** Finds the claims object of a record; the result reads as empty when there is none. */
  static AzureClaims of(JsonNode record) {
    JsonNode claims = JsonFields.path(record, "identity", "claims");
    if (claims == null || !claims.isObject()) {
      claims = JsonFields.path(record, "claims");
    }
    return new AzureClaims(claims != null && claims.isObject() ? claims : null);
  }

  boolean isPresent() {
    return claims != null;
  }

  String objectId() {
    return claim(CLAIMS_URI + "objectidentifier", "oid");
  }

  String upn() {
    return claim(XMLSOAP_URI + "upn", "upn", "unique_name", XMLSOAP_URI + "name");
  }

  String appId() {
    return claim("appid", "azp");
  }

  String tenantId() {
    return claim(CLAIMS_URI + "tenantid", "tid");
  }

  String ipAddress() {
    return claim("ipaddr");
  }

  String tokenId() {
    return claim("uti");
  }

  /**
   * Returns TRUE when the authentication methods list {@code mfa}, FALSE when it is listed without
   * it.
   */
  Boolean mfaUsed() {
    String methods = claim("http://schemas.microsoft.com/claims/authnmethodsreferences", "amr");
    if (methods == null) {
      return null;
    }
    return methods.toLowerCase(Locale.ROOT).contains("mfa");
  }

  /**
   * Derives the identity kind. A managed identity carries {@code xms_mirid}, and {@code idtyp} is
   * app or user. Otherwise a UPN means a user and an app id alone a service principal.
   */
  ActorType actorType() {
    if (claim("xms_mirid") != null) {
      return ActorType.MANAGED_IDENTITY;
    }
    String idtyp = claim("idtyp");
    if ("app".equalsIgnoreCase(idtyp)) {
      return ActorType.SERVICE_PRINCIPAL;
    }
    if ("user".equalsIgnoreCase(idtyp) || upn() != null) {
      return ActorType.USER;
    }
    return appId() != null ? ActorType.SERVICE_PRINCIPAL : ActorType.UNKNOWN;
  }

  private String claim(String... names) {
    for (String name : names) {
      String value = text(claims, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
