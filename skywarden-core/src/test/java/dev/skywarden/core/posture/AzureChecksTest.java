package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.audit;
import static dev.skywarden.core.posture.PostureFixtures.detail;
import static dev.skywarden.core.posture.PostureFixtures.failed;
import static dev.skywarden.core.posture.PostureFixtures.statuses;
import static dev.skywarden.core.posture.PostureFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.finding.PrincipalPosture.Access;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureChecksTest {

  private static final String PROD = "00000000-0000-4000-8000-0000000000a1";
  private static final String DEV = "00000000-0000-4000-8000-0000000000b2";
  private static final String OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

  private static String assignment(
      String id, String name, String type, String role, String roleId, String scope) {
    return """
        {"principalId": "%s", "principalName": "%s", "principalType": "%s",
         "roleDefinitionName": "%s", "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/%s",
         "scope": "%s"}"""
        .formatted(id, name, type, role, roleId, scope);
  }

  private static String registration(
      String id, String upn, boolean mfa, boolean admin, String type) {
    return """
        {"id": "%s", "userPrincipalName": "%s", "isAdmin": %s, "isMfaRegistered": %s,
         "methodsRegistered": [], "userType": "%s"}"""
        .formatted(id, upn, admin, mfa, type);
  }

  private static void exports(Path dir) throws IOException {
    write(
        dir,
        "assignments.json",
        "["
            + assignment(
                "u-admin", "admin@example.com", "User", "Owner", OWNER_ID, "/subscriptions/" + PROD)
            + ","
            + assignment(
                "u-jit", "jit@example.com", "User", "Owner", OWNER_ID, "/subscriptions/" + PROD)
            + ","
            + assignment(
                "u-guest",
                "guest_partner.example#EXT#@example.onmicrosoft.com",
                "User",
                "Reader",
                "acdd72a7-3385-48ef-bd42-f606fba81ae7",
                "/subscriptions/" + PROD)
            + ","
            + assignment(
                "sp-ci",
                "ci-app",
                "ServicePrincipal",
                "Virtual Machine Contributor",
                "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
                "/subscriptions/" + DEV + "/resourceGroups/rg-dev")
            + ","
            + assignment(
                "sp-ci",
                "ci-app",
                "ServicePrincipal",
                "Reader",
                "acdd72a7-3385-48ef-bd42-f606fba81ae7",
                "/subscriptions/" + PROD + "/resourceGroups/rg-qa-1")
            + ","
            + assignment(
                "u-ga",
                "ga@example.com",
                "User",
                "User Access Administrator",
                "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
                "/")
            + ","
            + assignment(
                "u-rg",
                "rg@example.com",
                "User",
                "Owner",
                OWNER_ID,
                "/subscriptions/" + PROD + "/resourceGroups/rg-app")
            + "]");
    write(
        dir,
        "registrations.json",
        "{\"value\": ["
            + registration("u-admin", "admin@example.com", false, false, "member")
            + ","
            + registration("u-jit", "jit@example.com", true, false, "member")
            + ","
            + registration(
                "u-guest",
                "guest_partner.example#EXT#@example.onmicrosoft.com",
                false,
                false,
                "guest")
            + ","
            + registration("u-dir", "dir@example.com", false, true, "member")
            + ","
            + registration("u-ok", "ok@example.com", true, false, "member")
            + "]}");
    write(
        dir,
        "schedules.json",
        "{\"value\": ["
            + "{\"principalId\": \"u-admin\", \"roleDefinitionId\": \""
            + OWNER_ID
            + "\", \"memberType\":"
            + " \"Direct\", \"assignmentType\": \"Assigned\", \"scheduleInfo\": {\"expiration\":"
            + " {\"type\": \"noExpiration\"}}},"
            + "{\"principalId\": \"u-jit\", \"roleDefinitionId\": \""
            + OWNER_ID
            + "\", \"memberType\":"
            + " \"Direct\", \"assignmentType\": \"Activated\", \"endDateTime\": \"2025-03-02T08:00:00Z\"}"
            + "]}");
    write(
        dir,
        "eligibility.json",
        "{\"value\": [{\"principalId\": \"u-rg\", \"roleDefinitionId\": \""
            + OWNER_ID
            + "\", \"memberType\": \"Direct\", \"status\": \"Provisioned\"}]}");
    write(dir, "posture.yaml", "production: [" + PROD + "]\nnon_production: [" + DEV + "]\n");
  }

  @Test
  void roles_rootAdminRunCommandAndJit(@TempDir Path dir) throws IOException {
    exports(dir);

    PostureResult result = audit(dir);

    assertThat(failed(result, "AZ-ROOT-01")).containsExactly("u-ga");
    assertThat(failed(result, "AZ-ADMIN-01")).containsExactly("u-admin", "u-ga", "u-jit");
    assertThat(failed(result, "AZ-RUN-01")).containsExactly("sp-ci", "u-rg");
    assertThat(failed(result, "AZ-JIT-01")).containsExactly("u-admin", "u-ga");
    assertThat(detail(result, "AZ-JIT-01", "u-admin")).contains("permanently assigned");
    assertThat(result.index().lookup(CloudProvider.AZURE, "jit@example.com"))
        .map(PrincipalPosture::access)
        .hasValue(Access.JUST_IN_TIME);
  }

  @Test
  void users_mfaAndGuests(@TempDir Path dir) throws IOException {
    exports(dir);

    PostureResult result = audit(dir);

    assertThat(failed(result, "AZ-MFA-01")).containsExactly("u-admin", "u-dir");
    assertThat(failed(result, "AZ-MFA-02")).containsExactly("u-admin", "u-dir", "u-guest");
    assertThat(failed(result, "AZ-EXT-01")).containsExactly("u-guest");
    assertThat(detail(result, "AZ-EXT-01", "u-guest")).contains("#EXT#", "Reader");
    assertThat(result.index().lookup(CloudProvider.AZURE, "ADMIN@example.com"))
        .map(PrincipalPosture::privilegedWithoutMfa)
        .hasValue(true);
  }

  @Test
  void production_resourceGroupNamesAndCrossEnvironment(@TempDir Path dir) throws IOException {
    exports(dir);

    PostureResult result = audit(dir);

    assertThat(failed(result, "AZ-PROD-01"))
        .containsExactly("/subscriptions/" + PROD + "/resourceGroups/rg-qa-1");
    assertThat(failed(result, "AZ-PROD-02")).containsExactly("sp-ci");
  }

  @Test
  void jit_notEvaluatedWithoutPim(@TempDir Path dir) throws IOException {
    write(
        dir,
        "assignments.json",
        "["
            + assignment(
                "u-admin", "admin@example.com", "User", "Owner", OWNER_ID, "/subscriptions/" + PROD)
            + "]");

    PostureResult result = audit(dir);

    assertThat(statuses(result, "AZ-JIT-01")).containsExactly(CheckStatus.NOT_EVALUATED);
    assertThat(statuses(result, "AZ-MFA-01")).containsExactly(CheckStatus.NOT_EVALUATED);
    assertThat(statuses(result, "AZ-ADMIN-01")).containsExactly(CheckStatus.FAIL);
  }

  @Test
  void assignments_armShapeWithProperties(@TempDir Path dir) throws IOException {
    write(
        dir,
        "arm.json",
        "{\"value\": [{\"id\": \"x\", \"properties\": {\"principalId\": \"u-1\","
            + " \"principalType\": \"User\", \"roleDefinitionId\": \"/providers/Microsoft.Authorization/"
            + "roleDefinitions/"
            + OWNER_ID
            + "\", \"scope\": \"/subscriptions/"
            + PROD
            + "\"}}]}");

    PostureResult result = audit(dir);

    assertThat(failed(result, "AZ-ADMIN-01")).containsExactly("u-1");
    assertThat(detail(result, "AZ-ADMIN-01", "u-1")).startsWith("Owner at /subscriptions/");
    assertThat(statuses(result, "AZ-ROOT-01")).containsExactly(CheckStatus.PASS);
  }

  @Test
  void runCommand_contributorAndOwnerBelowAdministratorScope(@TempDir Path dir) throws IOException {
    String contributorId = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    write(
        dir,
        "assignments.json",
        "["
            + assignment(
                "u-contrib",
                "dev@example.com",
                "User",
                "Contributor",
                contributorId,
                "/subscriptions/" + PROD)
            + ","
            + assignment(
                "u-owner-rg",
                "rg@example.com",
                "User",
                "Owner",
                OWNER_ID,
                "/subscriptions/" + PROD + "/resourceGroups/rg-app")
            + ","
            + assignment(
                "u-owner-sub",
                "owner@example.com",
                "User",
                "Owner",
                OWNER_ID,
                "/subscriptions/" + PROD)
            + ","
            + assignment(
                "u-reader",
                "reader@example.com",
                "User",
                "Reader",
                "acdd72a7-3385-48ef-bd42-f606fba81ae7",
                "/subscriptions/" + PROD)
            + "]");
    write(
        dir,
        "arm.json",
        "{\"value\": [{\"id\": \"x\", \"properties\": {\"principalId\": \"sp-by-id\","
            + " \"principalType\": \"ServicePrincipal\", \"roleDefinitionId\":"
            + " \"/subscriptions/"
            + DEV
            + "/providers/Microsoft.Authorization/roleDefinitions/"
            + contributorId.toUpperCase(java.util.Locale.ROOT)
            + "\", \"scope\": \"/subscriptions/"
            + DEV
            + "\"}}]}");

    PostureResult result = audit(dir);

    assertThat(failed(result, "AZ-RUN-01")).containsExactly("sp-by-id", "u-contrib", "u-owner-rg");
    assertThat(detail(result, "AZ-RUN-01", "sp-by-id"))
        .startsWith("Contributor at /subscriptions/");
    assertThat(failed(result, "AZ-ADMIN-01")).containsExactly("u-owner-sub");
  }
}
