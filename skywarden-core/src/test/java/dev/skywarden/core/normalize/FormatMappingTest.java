package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.Normalize.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential.CredentialKind;
import dev.skywarden.core.event.LogKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One realistic record per format and export shape, with every mapped field checked. */
class FormatMappingTest {

  @Test
  void cloudTrail_assumedRoleWithMfa() {
    CloudEvent event =
        event(
            """
            {"eventVersion": "1.09", "eventTime": "2024-05-01T12:00:00Z", "eventID": "ct-1",
             "eventSource": "iam.amazonaws.com", "eventName": "CreateAccessKey",
             "awsRegion": "us-east-1", "recipientAccountId": "111122223333",
             "sourceIPAddress": "198.51.100.4",
             "userAgent": "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 prompt/off command/iam.create-access-key",
             "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:alice",
               "arn": "arn:aws:sts::111122223333:assumed-role/Admin/alice", "accountId": "111122223333",
               "accessKeyId": "ASIAEXAMPLE",
               "sessionContext": {"sessionIssuer": {"arn": "arn:aws:iam::111122223333:role/Admin"},
                 "attributes": {"mfaAuthenticated": "true"}}},
             "errorCode": "AccessDenied", "errorMessage": "not authorized",
             "resources": [{"ARN": "arn:aws:iam::111122223333:user/bob"}]}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.CLOUDTRAIL);
    assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(event.eventId()).isEqualTo("ct-1");
    assertThat(event.account()).isEqualTo("111122223333");
    assertThat(event.region()).isEqualTo("us-east-1");
    assertThat(event.actor().type()).isEqualTo(ActorType.ROLE_SESSION);
    assertThat(event.actor().sessionIssuer()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.SESSION);
    assertThat(event.credential().mfaUsed()).isTrue();
    assertThat(event.source().text()).isEqualTo("198.51.100.4");
    assertThat(event.api().service()).isEqualTo("iam.amazonaws.com");
    assertThat(event.api().readOnly()).isNull();
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("AccessDenied");
    assertThat(event.resources()).containsExactly("arn:aws:iam::111122223333:user/bob");
    assertThat(event.client().kind()).isEqualTo(ClientKind.PENTEST_DISTRIBUTION);
    assertThat(event.client().has(ClientKind.AWS_CLI)).isTrue();
  }

  @Test
  void cloudTrail_accessKeyAndReadPrefix() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "s3.amazonaws.com",
             "eventName": "ListBuckets", "userAgent": "Boto3/1.34.0 Python/3.12 Botocore/1.34.0",
             "userIdentity": {"type": "IAMUser", "accountId": "111122223333",
               "userName": "ci", "accessKeyId": "AKIAEXAMPLE"}}
            """);

    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.actor().name()).isEqualTo("ci");
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.ACCESS_KEY);
    assertThat(event.credential().mfaUsed()).isNull();
    assertThat(event.api().readOnly()).isTrue();
    assertThat(event.client().kind()).isEqualTo(ClientKind.AWS_SDK);
    assertThat(event.client().version()).isEqualTo("1.34.0");
  }

  @Test
  void cloudTrail_consoleLoginWithoutMfa() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "signin.amazonaws.com",
             "eventName": "ConsoleLogin", "eventType": "AwsConsoleSignIn",
             "userAgent": "Mozilla/5.0 (X11; Linux x86_64)", "sourceIPAddress": "192.0.2.10",
             "userIdentity": {"type": "Root", "arn": "arn:aws:iam::111122223333:root",
               "accountId": "111122223333"},
             "responseElements": {"ConsoleLogin": "Success"},
             "additionalEventData": {"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com"}}
            """);

    assertThat(event.actor().type()).isEqualTo(ActorType.ROOT);
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.PASSWORD);
    assertThat(event.credential().mfaUsed()).isFalse();
    assertThat(event.outcome().success()).isTrue();
    assertThat(event.client().kind()).isEqualTo(ClientKind.BROWSER);
  }

  @Test
  void cloudTrail_consoleFlagOnRecord() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "ec2.amazonaws.com",
             "eventName": "DescribeInstances", "userAgent": "AWS Internal",
             "sourceIPAddress": "AWS Internal",
             "userIdentity": {"type": "AssumedRole", "accessKeyId": "ASIAEXAMPLE"},
             "sessionCredentialFromConsole": "true"}
            """);

    assertThat(event.client().kind()).isEqualTo(ClientKind.WEB_CONSOLE);
  }

  @Test
  void cloudTrail_awsInternalInConsoleSession() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "ec2.amazonaws.com",
             "eventName": "DescribeInstances", "userAgent": "AWS Internal",
             "sourceIPAddress": "AWS Internal",
             "userIdentity": {"type": "AssumedRole", "accessKeyId": "ASIAEXAMPLE",
               "sessionContext": {"sessionCredentialFromConsole": "true"}}}
            """);

    assertThat(event.client().kind()).isEqualTo(ClientKind.WEB_CONSOLE);
    assertThat(event.client().has(ClientKind.CLOUD_SERVICE)).isTrue();
    assertThat(event.source().name()).isEqualTo("AWS Internal");
  }

  @Test
  void azureActivity_diagnosticSettingsServicePrincipal() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00.1234567Z",
             "resourceId": "/SUBSCRIPTIONS/11111111-2222-3333-4444-555555555555/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM1",
             "operationName": "MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION",
             "category": "Administrative", "resultType": "Failure", "resultSignature": "Forbidden.403",
             "callerIpAddress": "203.0.113.20", "correlationId": "corr-1", "location": "westeurope",
             "identity": {"claims": {
               "http://schemas.microsoft.com/identity/claims/objectidentifier": "sp-object-1",
               "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "idtyp": "app",
               "http://schemas.microsoft.com/identity/claims/tenantid": "tenant-1"}}}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.AZURE_ACTIVITY);
    assertThat(event.eventId()).isEqualTo("corr-1");
    assertThat(event.account()).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(event.region()).isEqualTo("westeurope");
    assertThat(event.actor().type()).isEqualTo(ActorType.SERVICE_PRINCIPAL);
    assertThat(event.actor().principalId()).isEqualTo("sp-object-1");
    assertThat(event.actor().accountId()).isEqualTo("tenant-1");
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.TOKEN);
    assertThat(event.source().text()).isEqualTo("203.0.113.20");
    assertThat(event.api().service()).isEqualTo("MICROSOFT.COMPUTE");
    assertThat(event.api().readOnly()).isFalse();
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("Forbidden.403");
    assertThat(event.client().kind()).isEqualTo(ClientKind.AZURE_CLI);
  }

  @Test
  void azureActivity_diagnosticSettingsEventDataId() {
    // Diagnostic settings move the REST API's eventDataId under properties. The start and end
    // records of one operation share correlationId, so it is only the last resort.
    String record =
        """
        {"time": "2024-05-01T12:00:00Z", "resourceId": "/subscriptions/sub-1/resourceGroups/rg",
         "operationName": "MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION",
         "resultType": "%s", "correlationId": "corr-1",
         "properties": {"eventCategory": "Administrative", "eventDataId": "%s"}}
        """;

    CloudEvent start = event(record.formatted("Start", "data-1"));
    CloudEvent end = event(record.formatted("Success", "data-2"));

    assertThat(start.eventId()).isEqualTo("data-1");
    assertThat(end.eventId()).isEqualTo("data-2");
  }

  @Test
  void azureActivity_logAnalyticsEventDataId() {
    CloudEvent event =
        event(
            """
            {"TimeGenerated": "2024-05-01T12:00:00Z", "Type": "AzureActivity",
             "OperationNameValue": "MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE",
             "EventDataId": "data-3", "CorrelationId": "corr-3",
             "_ResourceId": "/subscriptions/sub-3/resourcegroups/rg"}
            """);

    assertThat(event.eventId()).isEqualTo("data-3");
  }

  @Test
  void azureActivity_restApiShape() {
    CloudEvent event =
        event(
            """
            {"eventTimestamp": "2024-05-01T12:00:00.6986539Z", "eventDataId": "ev-1",
             "caller": "grace@example.com",
             "operationName": {"value": "Microsoft.Compute/virtualMachines/read", "localizedValue": "Get VM"},
             "category": {"value": "Administrative", "localizedValue": "Administrative"},
             "status": {"value": "Failed", "localizedValue": "Failed"},
             "subStatus": {"value": "Forbidden", "localizedValue": "Forbidden (HTTP 403)"},
             "resourceProviderName": {"value": "Microsoft.Compute", "localizedValue": "Microsoft.Compute"},
             "resourceId": "/subscriptions/sub-2/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
             "httpRequest": {"clientIpAddress": "2001:db8::5", "method": "GET"},
             "claims": {"upn": "grace@example.com", "oid": "user-oid",
               "http://schemas.microsoft.com/claims/authnmethodsreferences": "pwd,mfa",
               "appid": "1950a258-227b-4e31-a9cf-717495945fc2"}}
            """);

    assertThat(event.eventId()).isEqualTo("ev-1");
    assertThat(event.account()).isEqualTo("sub-2");
    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.actor().name()).isEqualTo("grace@example.com");
    assertThat(event.credential().mfaUsed()).isTrue();
    assertThat(event.source().text()).isEqualTo("2001:db8::5");
    assertThat(event.api().operation()).isEqualTo("Microsoft.Compute/virtualMachines/read");
    assertThat(event.api().service()).isEqualTo("Microsoft.Compute");
    assertThat(event.api().readOnly()).isTrue();
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("Forbidden");
    assertThat(event.client().kind()).isEqualTo(ClientKind.AZURE_POWERSHELL);
    assertThat(event.raw().get("operationName").asText())
        .isEqualTo("Microsoft.Compute/virtualMachines/read");
    assertThat(event.raw().get("status").asText()).isEqualTo("Failed");
  }

  @Test
  void azureActivity_logAnalyticsExport() {
    CloudEvent event =
        event(
            """
            {"TimeGenerated": "2024-05-01T12:00:00Z", "Type": "AzureActivity",
             "OperationName": "Create role assignment",
             "OperationNameValue": "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE",
             "ActivityStatusValue": "Success", "Caller": "heidi@example.com",
             "CallerIpAddress": "192.0.2.77", "SubscriptionId": "sub-3",
             "ResourceProviderValue": "MICROSOFT.AUTHORIZATION",
             "_ResourceId": "/subscriptions/sub-3/providers/microsoft.authorization/roleassignments/ra-1",
             "Claims": "{\\"idtyp\\": \\"user\\", \\"upn\\": \\"heidi@example.com\\"}"}
            """);

    assertThat(event.api().operation()).isEqualTo("MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE");
    assertThat(event.api().service()).isEqualTo("MICROSOFT.AUTHORIZATION");
    assertThat(event.api().readOnly()).isFalse();
    assertThat(event.account()).isEqualTo("sub-3");
    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.source().text()).isEqualTo("192.0.2.77");
    assertThat(event.outcome().success()).isTrue();
  }

  @Test
  void azureActivity_managedIdentity() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "operationName": "Microsoft.KeyVault/vaults/secrets/read",
             "resourceId": "/subscriptions/sub-4/resourceGroups/rg",
             "identity": {"claims": {"appid": "mi-app", "idtyp": "app",
               "xms_mirid": "/subscriptions/sub-4/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi"}}}
            """);

    assertThat(event.actor().type()).isEqualTo(ActorType.MANAGED_IDENTITY);
  }

  @Test
  void entraSignIn_diagnosticSettingsFailure() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "category": "SignInLogs", "tenantId": "tenant-1",
             "operationName": "Sign-in activity", "resultType": "50126", "callerIpAddress": "192.0.2.5",
             "properties": {"id": "si-1", "userPrincipalName": "ivan@example.com", "userId": "u-9",
               "appId": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "ipAddress": "192.0.2.5",
               "userAgent": "python-requests/2.31", "isInteractive": true,
               "authenticationRequirement": "singleFactorAuthentication",
               "authenticationDetails": [{"authenticationMethod": "Password", "succeeded": false}],
               "resourceDisplayName": "Windows Azure Service Management API",
               "status": {"errorCode": 50126, "failureReason": "Invalid username or password"}}}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.ENTRA_SIGNIN);
    assertThat(event.eventId()).isEqualTo("si-1");
    assertThat(event.account()).isEqualTo("tenant-1");
    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.actor().name()).isEqualTo("ivan@example.com");
    assertThat(event.actor().applicationId()).isEqualTo("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.PASSWORD);
    assertThat(event.credential().mfaUsed()).isFalse();
    assertThat(event.source().text()).isEqualTo("192.0.2.5");
    assertThat(event.api().service()).isEqualTo("Windows Azure Service Management API");
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("50126");
    assertThat(event.client().kind()).isEqualTo(ClientKind.AZURE_CLI);
  }

  @Test
  void entraSignIn_logAnalyticsWithMfa() {
    CloudEvent event =
        event(
            """
            {"TimeGenerated": "2024-05-01T12:00:00Z", "Type": "SigninLogs", "TenantId": "tenant-2",
             "UserPrincipalName": "judy@example.com", "AppId": "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
             "IPAddress": "192.0.2.6", "AuthenticationRequirement": "multiFactorAuthentication",
             "ResultType": "0", "UserAgent": "Mozilla/5.0",
             "Status": "{\\"errorCode\\": 0}"}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.ENTRA_SIGNIN);
    assertThat(event.actor().name()).isEqualTo("judy@example.com");
    assertThat(event.credential().mfaUsed()).isTrue();
    assertThat(event.outcome().success()).isTrue();
    assertThat(event.client().kind()).isEqualTo(ClientKind.WEB_CONSOLE);
    assertThat(event.client().product()).isEqualTo("Azure portal");
  }

  @Test
  void entraSignIn_servicePrincipal() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "category": "ServicePrincipalSignInLogs",
             "tenantId": "tenant-1",
             "properties": {"servicePrincipalId": "sp-1", "servicePrincipalName": "deploy-bot",
               "appId": "app-2", "ipAddress": "192.0.2.7", "servicePrincipalCredentialKeyId": "key-1",
               "status": {"errorCode": 0}}}
            """);

    assertThat(event.actor().type()).isEqualTo(ActorType.SERVICE_PRINCIPAL);
    assertThat(event.actor().name()).isEqualTo("deploy-bot");
    assertThat(event.credential().id()).isEqualTo("key-1");
    assertThat(event.outcome().success()).isTrue();
  }

  @Test
  void entraAudit_appInitiatorGraphShape() {
    CloudEvent event =
        event(
            """
            {"id": "Directory_1", "category": "ApplicationManagement", "result": "failure",
             "resultReason": "Insufficient privileges", "activityDateTime": "2024-05-01T12:00:00Z",
             "activityDisplayName": "Update application", "loggedByService": "Core Directory",
             "operationType": "Update",
             "initiatedBy": {"app": {"appId": "app-3", "servicePrincipalId": "sp-3",
               "displayName": "automation"}},
             "targetResources": [{"id": "target-app-1", "displayName": "victim app", "type": "Application"}]}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.ENTRA_AUDIT);
    assertThat(event.eventId()).isEqualTo("Directory_1");
    assertThat(event.actor().type()).isEqualTo(ActorType.SERVICE_PRINCIPAL);
    assertThat(event.actor().applicationId()).isEqualTo("app-3");
    assertThat(event.api().service()).isEqualTo("Core Directory");
    assertThat(event.api().operation()).isEqualTo("Update application");
    assertThat(event.api().readOnly()).isFalse();
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorMessage()).isEqualTo("Insufficient privileges");
    assertThat(event.resources()).containsExactly("target-app-1");
  }

  @Test
  void gcpAudit_serviceAccountKeyAndDelegation() {
    CloudEvent event =
        event(
            """
            {"insertId": "gcp-1", "timestamp": "2024-05-01T12:00:00.123456789Z",
             "logName": "projects/proj-9/logs/cloudaudit.googleapis.com%2Factivity",
             "resource": {"type": "gce_instance", "labels": {"project_id": "proj-9", "zone": "us-east1-b"}},
             "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
               "serviceName": "iam.googleapis.com",
               "methodName": "google.iam.admin.v1.CreateServiceAccountKey",
               "resourceName": "projects/-/serviceAccounts/target@proj-9.iam.gserviceaccount.com",
               "status": {"code": 7, "message": "Permission denied"},
               "authenticationInfo": {"principalEmail": "ci@proj-9.iam.gserviceaccount.com",
                 "serviceAccountKeyName": "//iam.googleapis.com/projects/proj-9/serviceAccounts/ci/keys/k1",
                 "serviceAccountDelegationInfo": [{"firstPartyPrincipal": {"principalEmail": "kim@example.com"}}]},
               "requestMetadata": {"callerIp": "gce-internal-ip",
                 "callerSuppliedUserAgent": "google-cloud-sdk gcloud/470.0.0 command/gcloud.iam.service-accounts.keys.create environment/devshell"},
               "authorizationInfo": [{"permission": "iam.serviceAccountKeys.create", "granted": false,
                 "permissionType": "ADMIN_WRITE"}]}}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.GCP_AUDIT);
    assertThat(event.eventId()).isEqualTo("gcp-1");
    assertThat(event.account()).isEqualTo("proj-9");
    assertThat(event.region()).isEqualTo("us-east1-b");
    assertThat(event.actor().type()).isEqualTo(ActorType.SERVICE_ACCOUNT);
    assertThat(event.actor().sessionIssuer()).isEqualTo("kim@example.com");
    assertThat(event.credential().kind()).isEqualTo(CredentialKind.SERVICE_ACCOUNT_KEY);
    assertThat(event.source().isIp()).isFalse();
    assertThat(event.source().name()).isEqualTo("gce-internal-ip");
    assertThat(event.api().readOnly()).isFalse();
    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("7");
    assertThat(event.client().kind()).isEqualTo(ClientKind.CLOUD_SHELL);
    assertThat(event.client().has(ClientKind.GCLOUD)).isTrue();
  }

  @Test
  void gcpAudit_userReadFromMethodVerb() {
    CloudEvent event =
        event(
            """
            {"timestamp": "2024-05-01T12:00:00Z",
             "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
               "serviceName": "storage.googleapis.com", "methodName": "storage.objects.list",
               "resourceName": "projects/_/buckets/b1",
               "authenticationInfo": {"principalEmail": "leo@example.com"},
               "requestMetadata": {"callerIp": "192.0.2.8"}}}
            """);

    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.api().readOnly()).isTrue();
    assertThat(event.account()).isNull();
    assertThat(event.outcome().success()).isTrue();
    assertThat(event.source().text()).isEqualTo("192.0.2.8");
  }
}
