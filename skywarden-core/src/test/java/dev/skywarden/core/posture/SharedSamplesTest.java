package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.failed;
import static dev.skywarden.core.posture.PostureFixtures.notEvaluatedDetail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Audits the public posture samples and checks the results read off the samples by hand: the
 * cloudsplaining privilege escalation fixtures, the credential report of cloudbeat, the Graph
 * documentation example and the Prowler GCP policy fixture.
 */
class SharedSamplesTest {

  private static final Instant AS_OF = Instant.parse("2023-01-15T00:00:00Z");
  private static final String ACCOUNT = "arn:aws:iam::200611803367:";

  private static PostureResult audit() throws IOException {
    Path samples = SharedData.requireData("posture-samples");
    return new PostureAudit().audit(new PostureLoader().load(samples), AS_OF);
  }

  @Test
  void cloudsplaining_escalationUsersFlaggedAndFalsePositivesNot() throws IOException {
    PostureResult result = audit();

    assertThat(failed(result, "AWS-PRIVESC-01"))
        .contains(
            ACCOUNT + "user/privesc1-CreateNewPolicyVersion-user",
            ACCOUNT + "user/privesc4-CreateAccessKey-user",
            ACCOUNT + "user/privesc15-PassExistingRoleToNewLambdaThenInvoke-user",
            ACCOUNT + "user/fn2-exploitableResourceConstraint-user",
            ACCOUNT + "user/fn4-exploitableNotAction-user")
        .doesNotContain(
            ACCOUNT + "user/fp1-allow-and-deny-user",
            ACCOUNT + "user/fp3-deny-iam-user",
            ACCOUNT + "user/fp4-nonExploitableResourceConstraint-user");
    assertThat(failed(result, "AWS-ADMIN-01"))
        .contains(
            ACCOUNT + "role/OrganizationAccountAccessRole", "arn:aws:iam::012345678901:user/obama")
        .doesNotContain(ACCOUNT + "user/fp2-allow-and-deny-multiple-policies-user");
    assertThat(failed(result, "AWS-SHELL-01"))
        .contains(
            ACCOUNT + "user/privesc-ssmSendCommand-user",
            ACCOUNT + "user/privesc-ssmStartSession-user");
    // The samples come without a posture configuration, so a trust of another account is
    // listed as not evaluated instead of failed.
    assertThat(notEvaluatedDetail(result, "AWS-EXT-01", "200611803367"))
        .contains(ACCOUNT + "role/OrganizationAccountAccessRole (trusts ");
  }

  @Test
  void credentialReport_rootKeysAndStaleUsers() throws IOException {
    PostureResult result = audit();

    assertThat(failed(result, "AWS-ROOT-01")).containsExactly("arn:aws:iam::1234567890:root");
    assertThat(failed(result, "AWS-ROOT-03")).containsExactly("arn:aws:iam::1234567890:root");
    assertThat(failed(result, "AWS-ROOT-02")).isEmpty();
    assertThat(failed(result, "AWS-STALE-01"))
        .containsExactly("arn:aws:iam::1234567890:user/user1");
    assertThat(failed(result, "AWS-STALE-02"))
        .containsExactly(
            "arn:aws:iam::1234567890:user/user1", "arn:aws:iam::1234567890:user/user1",
            "arn:aws:iam::1234567890:user/user2", "arn:aws:iam::1234567890:user/user2");
  }

  @Test
  void entraAndGcp_guestWithoutMfaAndOrganisationAdmins() throws IOException {
    PostureResult result = audit();

    assertThat(failed(result, "AZ-MFA-02")).containsExactly("c6ad1942-4afa-47f8-8d48-afb5d8d69d2f");
    assertThat(result.index().lookup(CloudProvider.AZURE, "AllanD@Contoso.com"))
        .map(PrincipalPosture::external)
        .hasValue(true);
    assertThat(failed(result, "GCP-ADMIN-01"))
        .containsExactly(
            "domain:google.com", "group:admins@example.com",
            "serviceAccount:my-project-id@appspot.gserviceaccount.com", "user:mike@example.com");
    assertThat(failed(result, "GCP-JIT-01"))
        .containsExactly("group:admins@example.com", "user:mike@example.com");
    assertThat(failed(result, "GCP-LOG-01")).hasSize(1);
    assertThat(result.ignored()).anyMatch(line -> line.contains("iam-results-example.json"));
  }
}
