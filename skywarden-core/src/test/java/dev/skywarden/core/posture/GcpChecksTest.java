package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.audit;
import static dev.skywarden.core.posture.PostureFixtures.detail;
import static dev.skywarden.core.posture.PostureFixtures.failed;
import static dev.skywarden.core.posture.PostureFixtures.notEvaluatedDetail;
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

class GcpChecksTest {

  private static final String POLICY =
      """
      {"bindings": [
        {"role": "roles/owner", "members": ["user:owner@example.com", "serviceAccount:app@prod-1.iam.gserviceaccount.com"]},
        {"role": "roles/editor", "members": ["group:devs@example.com"],
         "condition": {"title": "temp", "expression": "request.time < timestamp('2025-03-05T00:00:00Z')"}},
        {"role": "roles/viewer", "members": ["user:partner@other.example", "allUsers"]},
        {"role": "roles/iam.serviceAccountTokenCreator", "members": ["serviceAccount:ci@dev-1.iam.gserviceaccount.com"]},
        {"role": "roles/compute.instanceAdmin.v1", "members": ["user:ops@example.com", "user:sre@example.com"]}
       ],
       "auditConfigs": [{"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}]}],
       "etag": "BwX=", "version": 3}""";

  private static void exports(Path dir) throws IOException {
    write(dir, "policy.json", POLICY);
    write(
        dir,
        "config.yml",
        """
        production: [prod-1]
        non_production: [dev-1]
        organization_domains: [example.com]
        run_command_allowed: ["user:sre@example.com"]
        gcp_projects: {policy.json: prod-1}
        """);
  }

  @Test
  void bindings_primitiveAdminImpersonationAndRunCommand(@TempDir Path dir) throws IOException {
    exports(dir);

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-PRIM-01"))
        .containsExactly("group:devs@example.com", "user:owner@example.com");
    assertThat(failed(result, "GCP-ADMIN-01"))
        .containsExactly(
            "serviceAccount:app@prod-1.iam.gserviceaccount.com", "user:owner@example.com");
    assertThat(failed(result, "GCP-PRIVESC-01"))
        .containsExactly("serviceAccount:ci@dev-1.iam.gserviceaccount.com");
    assertThat(failed(result, "GCP-RUN-01")).containsExactly("user:ops@example.com");
  }

  @Test
  void bindings_jitExternalProductionAndLogs(@TempDir Path dir) throws IOException {
    exports(dir);

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-JIT-01"))
        .containsExactly("user:ops@example.com", "user:owner@example.com", "user:sre@example.com");
    assertThat(failed(result, "GCP-EXT-01"))
        .containsExactly("allUsers", "user:partner@other.example");
    assertThat(detail(result, "GCP-EXT-01", "user:partner@other.example"))
        .contains("other.example");
    assertThat(failed(result, "GCP-PROD-02"))
        .containsExactly("serviceAccount:ci@dev-1.iam.gserviceaccount.com");
    assertThat(detail(result, "GCP-LOG-01", "prod-1")).contains("DATA_READ, DATA_WRITE");
    assertThat(result.index().lookup(CloudProvider.GCP, "devs@example.com"))
        .map(PrincipalPosture::access)
        .hasValue(Access.JUST_IN_TIME);
    assertThat(result.index().lookup(CloudProvider.GCP, "owner@example.com"))
        .map(PrincipalPosture::standingPrivileged)
        .hasValue(true);
  }

  @Test
  void keys_userManagedAndRotation(@TempDir Path dir) throws IOException {
    write(
        dir,
        "keys.json",
        """
        [{"name": "projects/prod-1/serviceAccounts/old@prod-1.iam.gserviceaccount.com/keys/k1",
          "keyType": "USER_MANAGED", "validAfterTime": "2024-01-01T00:00:00Z"},
         {"name": "projects/prod-1/serviceAccounts/new@prod-1.iam.gserviceaccount.com/keys/k2",
          "keyType": "USER_MANAGED", "validAfterTime": "2025-02-20T00:00:00Z"},
         {"name": "projects/prod-1/serviceAccounts/off@prod-1.iam.gserviceaccount.com/keys/k3",
          "keyType": "USER_MANAGED", "disabled": true, "validAfterTime": "2020-02-20T00:00:00Z"},
         {"name": "projects/prod-1/serviceAccounts/sys@prod-1.iam.gserviceaccount.com/keys/k4",
          "keyType": "SYSTEM_MANAGED", "validAfterTime": "2020-02-20T00:00:00Z"}]""");

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-KEY-01"))
        .containsExactly(
            "projects/prod-1/serviceAccounts/new@prod-1.iam.gserviceaccount.com/keys/k2",
            "projects/prod-1/serviceAccounts/old@prod-1.iam.gserviceaccount.com/keys/k1");
    assertThat(failed(result, "GCP-KEY-02"))
        .containsExactly(
            "projects/prod-1/serviceAccounts/old@prod-1.iam.gserviceaccount.com/keys/k1");
  }

  @Test
  void assetInventory_jsonLinesWithResourceNames(@TempDir Path dir) throws IOException {
    write(
        dir,
        "assets.jsonl",
        """
        {"name": "//cloudresourcemanager.googleapis.com/projects/p-a", "assetType": "cloudresourcemanager.googleapis.com/Project", "iamPolicy": {"bindings": [{"role": "roles/editor", "members": ["user:a@example.com"]}]}}
        {"name": "//cloudresourcemanager.googleapis.com/projects/p-b", "assetType": "cloudresourcemanager.googleapis.com/Project", "iamPolicy": {"bindings": [{"role": "roles/viewer", "members": ["user:b@example.com"]}]}}
        """);

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-PRIM-01")).containsExactly("user:a@example.com");
    assertThat(
            result.results(CheckStatus.FAIL).stream()
                .filter(r -> r.check().id().equals("GCP-PRIM-01"))
                .map(CheckResult::scope))
        .containsExactly("p-a");
    assertThat(statuses(result, "GCP-RUN-01")).containsExactly(CheckStatus.NOT_EVALUATED);
  }

  @Test
  void auditLogs_onlyCheckedOnResourceManagerPolicies(@TempDir Path dir) throws IOException {
    write(
        dir,
        "search.json",
        """
        [{"resource": "//cloudresourcemanager.googleapis.com/projects/p-a", "project": "projects/1",
          "assetType": "cloudresourcemanager.googleapis.com/Project",
          "policy": {"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]}},
         {"resource": "//storage.googleapis.com/public-bucket", "project": "projects/1",
          "assetType": "storage.googleapis.com/Bucket",
          "policy": {"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}]
        """);

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-LOG-01")).containsExactly("p-a");
    assertThat(failed(result, "GCP-EXT-01")).containsExactly("allUsers");
  }

  @Test
  void external_domainsNotEvaluatedWithoutOrganisationDomains(@TempDir Path dir)
      throws IOException {
    String policy =
        """
        {"bindings": [
          {"role": "roles/viewer", "members": ["domain:google.com", "user:someone@gmail.com"]},
          {"role": "roles/browser", "members": ["allAuthenticatedUsers",
            "serviceAccount:app@p-1.iam.gserviceaccount.com"]}],
         "etag": "BwX=", "version": 3}""";
    write(dir, "p-1.json", policy);
    write(dir, "p-2.json", policy.replace("allAuthenticatedUsers", "user:a@gmail.com"));

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-EXT-01")).containsExactly("allAuthenticatedUsers");
    assertThat(notEvaluatedDetail(result, "GCP-EXT-01", "p-1"))
        .contains("no organization_domains", "domain:google.com", "user:someone@gmail.com");
    assertThat(notEvaluatedDetail(result, "GCP-EXT-01", "p-2")).startsWith("3 resources");
    assertThat(result.results(CheckStatus.PASS).stream().map(r -> r.check().id()))
        .doesNotContain("GCP-EXT-01");
  }

  @Test
  void external_subdomainOfOrganisationDomainIsInside(@TempDir Path dir) throws IOException {
    write(
        dir,
        "p-1.json",
        """
        {"bindings": [{"role": "roles/viewer", "members": ["domain:eng.example.com",
          "user:a@example.com", "user:b@notexample.com"]}], "etag": "BwX=", "version": 3}""");
    write(dir, "config.yml", "organization_domains: [example.com]\n");

    PostureResult result = audit(dir);

    assertThat(failed(result, "GCP-EXT-01")).containsExactly("user:b@notexample.com");
  }

  @Test
  void summary_passInOneProjectNotEvaluatedInAnother(@TempDir Path dir) throws IOException {
    write(
        dir,
        "p-1.json",
        """
        {"bindings": [{"role": "roles/viewer",
          "members": ["serviceAccount:app@p-1.iam.gserviceaccount.com"]}],
         "etag": "BwX=", "version": 3}""");
    write(
        dir,
        "p-2.json",
        """
        {"bindings": [{"role": "roles/viewer", "members": ["user:a@gmail.com"]}],
         "etag": "BwX=", "version": 3}""");

    PostureResult result = audit(dir);

    assertThat(statuses(result, "GCP-EXT-01"))
        .containsExactly(CheckStatus.PASS, CheckStatus.NOT_EVALUATED);
    ControlSummary thirdParty =
        result.controlSummaries().stream()
            .filter(summary -> summary.controlId().equals("DE.CM-06.02"))
            .findFirst()
            .orElseThrow();
    assertThat(thirdParty.notEvaluated()).contains("GCP-EXT-01");
    assertThat(thirdParty.passed()).doesNotContain("GCP-EXT-01");
  }

  @Test
  void keys_createdAfterAsOfReportedNotNegative(@TempDir Path dir) throws IOException {
    String key = "projects/prod-1/serviceAccounts/late@prod-1.iam.gserviceaccount.com/keys/k9";
    write(
        dir,
        "keys.json",
        "[{\"name\": \""
            + key
            + "\", \"keyType\": \"USER_MANAGED\", \"validAfterTime\": \"2025-04-01T00:00:00Z\"}]");

    PostureResult result = audit(dir);

    assertThat(detail(result, "GCP-KEY-01", key))
        .contains("created 2025-04-01T00:00:00Z (after the as-of time 2025-03-02T00:00:00Z)")
        .doesNotContain("-30");
    assertThat(statuses(result, "GCP-KEY-02")).containsExactly(CheckStatus.PASS);
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("1 credential time is after the as-of time 2025-03-02T00:00:00Z", key);
  }
}
