package dev.skywarden.corpus;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds Azure Activity Log records as diagnostic settings deliver them, and Entra ID sign-in and
 * audit records in the same layout.
 */
final class AzureRecords {

  static final String PORTAL_APP = "c44b4083-3bb0-49c1-b47d-974e53cbdf3c";
  static final String CLI_APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  static final String POWERSHELL_APP = "1950a258-227b-4e31-a9cf-717495945fc2";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private AzureRecords() {}

  /** The token claims of a person. */
  static Map<String, Object> userClaims(
      String tenant, String upn, String name, String objectId, String appId, String address) {
    return Json.obj(
        "aud", "https://management.core.windows.net/",
        "iss", "https://sts.windows.net/" + tenant + "/",
        "appid", appId,
        "appidacr", "0",
        "http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd,mfa",
        "ipaddr", address,
        "name", name,
        "http://schemas.microsoft.com/identity/claims/objectidentifier", objectId,
        "http://schemas.microsoft.com/identity/claims/tenantid", tenant,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", upn,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", upn,
        "ver", "1.0");
  }

  /** The token claims of a service principal or managed identity. */
  static Map<String, Object> appClaims(String tenant, String appId, String objectId) {
    return Json.obj(
        "aud",
        "https://management.core.windows.net/",
        "iss",
        "https://sts.windows.net/" + tenant + "/",
        "appid",
        appId,
        "appidacr",
        "2",
        "idtyp",
        "app",
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        objectId,
        "http://schemas.microsoft.com/identity/claims/tenantid",
        tenant,
        "ver",
        "1.0");
  }

  /**
   * One Activity Log record.
   *
   * @param resourcePath the path under the resource group, such as {@code
   *     Microsoft.Compute/virtualMachines/vm-1}, or a whole scope starting with {@code
   *     /subscriptions/}
   * @param action the operation, such as {@code Microsoft.Compute/virtualMachines/write}
   * @param resultType {@code Start}, {@code Success} or {@code Failure}
   */
  static Emitted activity(
      Instant time,
      String eventId,
      String tenant,
      Organisation.AzureSubscription subscription,
      String resourcePath,
      String action,
      String resultType,
      Map<String, Object> claims,
      String address,
      String correlationId) {
    String scope =
        resourcePath.startsWith("/subscriptions/")
            ? resourcePath
            : "/subscriptions/"
                + subscription.id()
                + "/resourceGroups/"
                + subscription.resourceGroup()
                + "/providers/"
                + resourcePath;
    boolean start = resultType.equals("Start");
    boolean failed = resultType.equals("Failure");
    String resultSignature = "Succeeded.OK";
    String statusCode = "OK";
    if (start) {
      resultSignature = "Started.";
      statusCode = "Accepted";
    } else if (failed) {
      resultSignature = "Failed.Forbidden";
      statusCode = "Forbidden";
    }
    Map<String, Object> record =
        Json.obj(
            "RoleLocation",
            "East US",
            "time",
            TIME.format(time.truncatedTo(ChronoUnit.MICROS)),
            "resourceId",
            scope.toUpperCase(Locale.ROOT),
            "operationName",
            action.toUpperCase(Locale.ROOT),
            "category",
            "Administrative",
            "resultType",
            resultType,
            "resultSignature",
            resultSignature,
            "durationMs",
            start ? "0" : "1840",
            "callerIpAddress",
            address,
            "correlationId",
            correlationId,
            "identity",
            Json.obj("authorization", Json.obj("scope", scope, "action", action), "claims", claims),
            "level",
            failed ? "Error" : "Information",
            "location",
            "global",
            "properties",
            Json.obj(
                "eventCategory", "Administrative",
                "entity", scope,
                "message", action,
                "hierarchy", tenant + "/" + subscription.id(),
                "statusCode", statusCode,
                "serviceRequestId", eventId,
                "eventDataId", eventId));
    return new Emitted(time, eventId, Streams.azureActivity(subscription.id()), Json.bytes(record));
  }

  /** One Entra ID interactive sign-in record. */
  static Emitted signIn(
      Instant time,
      String id,
      String tenant,
      Organisation.Person person,
      String appId,
      String appName,
      String address,
      String userAgent,
      int errorCode,
      String country) {
    Map<String, Object> properties =
        Json.obj(
            "id",
            id,
            "createdDateTime",
            TIME.format(time),
            "userDisplayName",
            person.displayName(),
            "userPrincipalName",
            person.email(),
            "userId",
            person.objectId(),
            "appId",
            appId,
            "appDisplayName",
            appName,
            "ipAddress",
            address,
            "status",
            errorCode == 0
                ? Json.obj("errorCode", 0)
                : Json.obj(
                    "errorCode",
                    errorCode,
                    "failureReason",
                    "Invalid username or password or Invalid on-premise username or password."),
            "clientAppUsed",
            "Browser",
            "userAgent",
            userAgent,
            "location",
            Json.obj("countryOrRegion", country),
            "correlationId",
            id,
            "conditionalAccessStatus",
            "success",
            "isInteractive",
            true,
            "authenticationRequirement",
            "multiFactorAuthentication",
            "resourceDisplayName",
            "Windows Azure Service Management API",
            "resourceTenantId",
            tenant,
            "homeTenantId",
            tenant);
    Map<String, Object> record =
        Json.obj(
            "time",
            TIME.format(time),
            "resourceId",
            "/tenants/" + tenant + "/providers/Microsoft.aadiam",
            "operationName",
            "Sign-in activity",
            "operationVersion",
            "1.0",
            "category",
            "SignInLogs",
            "tenantId",
            tenant,
            "resultType",
            String.valueOf(errorCode),
            "resultSignature",
            "None",
            "durationMs",
            0,
            "callerIpAddress",
            address,
            "correlationId",
            id,
            "identity",
            person.displayName(),
            "Level",
            4,
            "location",
            country,
            "properties",
            properties);
    return new Emitted(time, id, Streams.ENTRA_SIGN_IN, Json.bytes(record));
  }

  /** One Entra ID audit record of an activity by a person on a target. */
  static Emitted audit(
      Instant time,
      String id,
      String tenant,
      Organisation.Person actor,
      String address,
      String activity,
      String category,
      String service,
      Map<String, Object> target) {
    Map<String, Object> properties =
        Json.obj(
            "id",
            id,
            "category",
            category,
            "correlationId",
            id,
            "result",
            "success",
            "resultReason",
            "",
            "activityDisplayName",
            activity,
            "activityDateTime",
            TIME.format(time),
            "loggedByService",
            service,
            "operationType",
            activity.startsWith("Add") ? "Add" : "Update",
            "initiatedBy",
            Json.obj(
                "user",
                Json.obj(
                    "id",
                    actor.objectId(),
                    "displayName",
                    null,
                    "userPrincipalName",
                    actor.email(),
                    "ipAddress",
                    address)),
            "targetResources",
            List.of(target));
    Map<String, Object> record =
        Json.obj(
            "time",
            TIME.format(time),
            "resourceId",
            "/tenants/" + tenant + "/providers/Microsoft.aadiam",
            "operationName",
            activity,
            "operationVersion",
            "1.0",
            "category",
            "AuditLogs",
            "tenantId",
            tenant,
            "resultSignature",
            "None",
            "durationMs",
            0,
            "callerIpAddress",
            address,
            "correlationId",
            id,
            "Level",
            4,
            "properties",
            properties);
    return new Emitted(time, id, Streams.ENTRA_AUDIT, Json.bytes(record));
  }
}
