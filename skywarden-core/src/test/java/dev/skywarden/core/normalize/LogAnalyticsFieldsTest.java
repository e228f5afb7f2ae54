package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.Normalize.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LogAnalyticsFieldsTest {

  private static final String ACTIVITY =
      """
      {"TimeGenerated": "2026-11-30T09:24:14.22Z", "Type": "AzureActivity",
       "OperationNameValue": "MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE",
       "OperationName": "Delete diagnostic setting", "ActivityStatusValue": "Failure",
       "Caller": "eve@contoso.example", "CallerIpAddress": "203.0.113.66",
       "_ResourceId": "/subscriptions/3a9d/providers/microsoft.insights/diagnosticSettings/x",
       "Claims_d": {"appid": "1950a258-227b-4e31-a9cf-717495945fc2"},
       "Properties": "{\\"requestbody\\": \\"{}\\", \\"statusCode\\": \\"Forbidden\\"}"}
      """;

  private static final String SIGN_IN =
      """
      {"TimeGenerated": "2026-11-30T09:11:05.77Z", "Type": "SigninLogs", "ResultType": "50126",
       "UserPrincipalName": "dana.ops@contoso.example", "IPAddress": "203.0.113.88",
       "AppId": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
       "AuthenticationRequirement": "singleFactorAuthentication",
       "Status": {"errorCode": 50126}, "CorrelationId": "c", "Id": "i1"}
      """;

  @Test
  void activity_diagnosticSettingsNamesAdded() {
    JsonNode raw = event(ACTIVITY).raw();

    assertThat(raw.get("operationName").asText())
        .isEqualTo("MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE");
    assertThat(raw.get("OperationName").asText()).isEqualTo("Delete diagnostic setting");
    assertThat(raw.get("resultType").asText()).isEqualTo("Failure");
    assertThat(raw.get("callerIpAddress").asText()).isEqualTo("203.0.113.66");
    assertThat(raw.get("resourceId").asText()).endsWith("/diagnosticSettings/x");
    assertThat(raw.at("/identity/claims/appid").asText())
        .isEqualTo("1950a258-227b-4e31-a9cf-717495945fc2");
    assertThat(raw.at("/properties/statusCode").asText()).isEqualTo("Forbidden");
  }

  @Test
  void signIn_columnsCopiedUnderProperties() {
    JsonNode raw = event(SIGN_IN).raw();

    assertThat(raw.at("/properties/appId").asText())
        .isEqualTo("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    assertThat(raw.at("/properties/authenticationRequirement").asText())
        .isEqualTo("singleFactorAuthentication");
    assertThat(raw.at("/properties/ipAddress").asText()).isEqualTo("203.0.113.88");
    assertThat(raw.at("/properties/status/errorCode").asInt()).isEqualTo(50126);
    assertThat(raw.get("resultType").asText()).isEqualTo("50126");
    assertThat(raw.get("AppId").asText()).isEqualTo("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
  }

  @Test
  void existingFields_neverOverwritten() {
    String record = ACTIVITY.replace("\"Caller\"", "\"operationName\": \"KEEP/ME\", \"Caller\"");
    JsonNode raw = event(record).raw();

    assertThat(raw.get("operationName").asText()).isEqualTo("KEEP/ME");
    assertThat(raw.get("resultType").asText()).isEqualTo("Failure");
  }

  @Test
  void diagnosticSettingsRecord_notCopied() {
    String record =
        """
        {"time": "2026-11-30T09:24:14.22Z", "operationName": "MICROSOFT.X/Y/DELETE",
         "resultType": "Success", "category": "Administrative", "properties": {}}
        """;
    JsonNode input = Normalize.json(record);

    assertThat(LogAnalyticsFields.applies(input)).isFalse();
  }
}
