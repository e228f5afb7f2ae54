package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.audit;
import static dev.skywarden.core.posture.PostureFixtures.detail;
import static dev.skywarden.core.posture.PostureFixtures.details;
import static dev.skywarden.core.posture.PostureFixtures.failed;
import static dev.skywarden.core.posture.PostureFixtures.notEvaluatedDetail;
import static dev.skywarden.core.posture.PostureFixtures.role;
import static dev.skywarden.core.posture.PostureFixtures.statuses;
import static dev.skywarden.core.posture.PostureFixtures.user;
import static dev.skywarden.core.posture.PostureFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.PrincipalPosture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsChecksTest {

  private static final String ACCOUNT = "111111111111";
  private static final String ALL =
      "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]";
  private static final String READ =
      "[{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]";
  private static final String SELF =
      "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::"
          + ACCOUNT
          + ":root\"}, \"Action\": \"sts:AssumeRole\"}]";
  private static final String HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,"
          + "access_key_2_last_used_date\n";

  private static String arn(String kind, String name) {
    return "arn:aws:iam::" + ACCOUNT + ":" + kind + "/" + name;
  }

  @Test
  void admin_allOnAllFailsUnlessDenied(@TempDir Path dir) throws IOException {
    String deny =
        "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
            + " {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "root-like", ALL, "[]"),
                user(ACCOUNT, "denied", deny, "[]"),
                user(ACCOUNT, "reader", READ, "[]")),
            List.of()));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-ADMIN-01")).containsExactly(arn("user", "root-like"));
    assertThat(failed(result, "AWS-JIT-01")).containsExactly(arn("user", "root-like"));
  }

  @Test
  void privesc_combinationsAndResourceLimits(@TempDir Path dir) throws IOException {
    String passRoleLambda =
        "[{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\","
            + " \"lambda:CreateFunction\", \"lambda:InvokeFunction\"], \"Resource\": \"*\"}]";
    String passRoleOnly =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}]";
    String awsManagedOnly =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:CreatePolicyVersion\","
            + " \"Resource\": \"arn:aws:iam::aws:policy/Example*\"}]";
    String keysForOthers =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:Create*\", \"Resource\": \"*\"}]";
    String notAction = "[{\"Effect\": \"Allow\", \"NotAction\": [\"s3:*\"], \"Resource\": \"*\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "lambda", passRoleLambda, "[]"),
                user(ACCOUNT, "pass", passRoleOnly, "[]"),
                user(ACCOUNT, "managed", awsManagedOnly, "[]"),
                user(ACCOUNT, "wild", keysForOthers, "[]"),
                user(ACCOUNT, "not", notAction, "[]")),
            List.of()));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-PRIVESC-01"))
        .containsExactly(arn("user", "lambda"), arn("user", "not"), arn("user", "wild"));
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "lambda")))
        .contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction");
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "wild")))
        .contains("iam:CreateAccessKey", "iam:CreateLoginProfile");
  }

  @Test
  void privesc_ownCredentialsAreNoEscalation(@TempDir Path dir) throws IOException {
    String ownCredentials =
        "[{\"Effect\": \"Allow\", \"Action\": [\"iam:CreateAccessKey\","
            + " \"iam:CreateLoginProfile\", \"iam:UpdateLoginProfile\"],"
            + " \"Resource\": \"arn:aws:iam::*:user/${aws:username}\"}]";
    String ownArn =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\","
            + " \"Resource\": \""
            + arn("user", "by-arn")
            + "\"}]";
    String otherUser =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\","
            + " \"Resource\": \""
            + arn("user", "deployer")
            + "\"}]";
    String ownPolicy =
        "[{\"Effect\": \"Allow\", \"Action\": \"iam:AttachUserPolicy\","
            + " \"Resource\": \"arn:aws:iam::*:user/${aws:username}\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "self-service", ownCredentials, "[]"),
                user(ACCOUNT, "by-arn", ownArn, "[]"),
                user(ACCOUNT, "key-maker", otherUser, "[]"),
                user(ACCOUNT, "self-attach", ownPolicy, "[]")),
            List.of(role(ACCOUNT, "role-own", SELF, ownCredentials))));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-PRIVESC-01"))
        .containsExactly(arn("user", "key-maker"), arn("user", "self-attach"));
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "key-maker")))
        .contains("create access keys for other users");
    assertThat(failed(result, "AWS-JIT-01"))
        .containsExactly(arn("user", "key-maker"), arn("user", "self-attach"));
  }

  @Test
  void admin_denyOfIamActionsRemovesAdministrator(@TempDir Path dir) throws IOException {
    String denyIam =
        "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
            + " {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"}]";
    String denyS3 =
        "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
            + " {\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": \"*\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(user(ACCOUNT, "no-iam", denyIam, "[]"), user(ACCOUNT, "no-s3", denyS3, "[]")),
            List.of()));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-ADMIN-01")).containsExactly(arn("user", "no-s3"));
    assertThat(detail(result, "AWS-ADMIN-01", arn("user", "no-s3")))
        .contains("1 Deny statement not applied because the identity can remove it");
    String escalation = detail(result, "AWS-PRIVESC-01", arn("user", "no-iam"));
    assertThat(escalation).contains("lambda:UpdateFunctionCode", "cloudformation:UpdateStack");
    assertThat(escalation).doesNotContain("iam:PassRole", "iam:AttachUserPolicy");
    assertThat(escalation)
        .contains("paths blocked by a Deny", "Deny applied: iam:* (no-iam-policy)");
  }

  @Test
  void privesc_denyBlocksEscalationUnlessRemovableOrConditional(@TempDir Path dir)
      throws IOException {
    String allow =
        "{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", \"ec2:RunInstances\","
            + " \"iam:CreateAccessKey\"], \"Resource\": \"*\"}";
    String blocked =
        "["
            + allow
            + ", {\"Effect\": \"Deny\", \"Action\": [\"iam:Pass*\", \"iam:CreateAccessKey\"],"
            + " \"Resource\": \"*\"}]";
    String notAction =
        "[" + allow + ", {\"Effect\": \"Deny\", \"NotAction\": [\"ec2:*\"], \"Resource\": \"*\"}]";
    String conditional =
        "["
            + allow
            + ", {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\","
            + " \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]";
    String narrow =
        "["
            + allow
            + ", {\"Effect\": \"Deny\", \"Action\": \"iam:*\","
            + " \"Resource\": \"arn:aws:iam::111111111111:role/admin\"}]";
    String removable =
        "[{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", \"ec2:RunInstances\","
            + " \"iam:DetachUserPolicy\"], \"Resource\": \"*\"},"
            + " {\"Effect\": \"Deny\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "blocked", blocked, "[]"),
                user(ACCOUNT, "not-action", notAction, "[]"),
                user(ACCOUNT, "conditional", conditional, "[]"),
                user(ACCOUNT, "narrow", narrow, "[]"),
                user(ACCOUNT, "removable", removable, "[]")),
            List.of()));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-PRIVESC-01"))
        .containsExactly(
            arn("user", "conditional"), arn("user", "narrow"), arn("user", "removable"));
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "conditional")))
        .contains("1 conditional Deny not applied (conditions are not evaluated)");
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "narrow")))
        .contains("1 Deny on specific resources not applied");
    assertThat(detail(result, "AWS-PRIVESC-01", arn("user", "removable")))
        .contains("not applied because the identity can remove it (iam:DetachUserPolicy via");
    assertThat(failed(result, "AWS-JIT-01")).doesNotContain(arn("user", "blocked"));
  }

  @Test
  void shell_runCommandAndCloudShellExceptAllowedAndServiceRoles(@TempDir Path dir)
      throws IOException {
    String ssm = "[{\"Effect\": \"Allow\", \"Action\": \"ssm:SendCommand\", \"Resource\": \"*\"}]";
    String ssmDenied =
        "[{\"Effect\": \"Allow\", \"Action\": \"ssm:SendCommand\", \"Resource\": \"*\"},"
            + " {\"Effect\": \"Deny\", \"Action\": \"ssm:*\", \"Resource\": \"*\"}]";
    String service =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"},"
            + " \"Action\": \"sts:AssumeRole\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(user(ACCOUNT, "reader", READ, "[]")),
            List.of(
                role(ACCOUNT, "ops", SELF, ssm),
                role(ACCOUNT, "allowed", SELF, ssm),
                role(ACCOUNT, "automation", service, ssm),
                role(ACCOUNT, "denied", SELF, ssmDenied))));
    write(dir, "config.yml", "run_command_allowed: [\"" + arn("role", "allowed") + "\"]\n");

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-SHELL-01")).containsExactly(arn("role", "ops"));
    assertThat(detail(result, "AWS-SHELL-01", arn("role", "ops")))
        .contains("ssm:SendCommand", "no Deny statements");
  }

  @Test
  void external_trustOutsideOrganisationNamesTheAccount(@TempDir Path dir) throws IOException {
    String partner =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"999999999999\"},"
            + " \"Action\": \"sts:AssumeRole\"}]";
    String sibling =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
            + " \"arn:aws:iam::222222222222:root\"}, \"Action\": \"sts:AssumeRole\"}]";
    String anyoneInOrg =
        "[{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\","
            + " \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-example\"}}}]";
    write(
        dir,
        "a.json",
        details(
            List.of(),
            List.of(
                role(ACCOUNT, "vendor", partner, READ),
                role(ACCOUNT, "sibling", sibling, READ),
                role(ACCOUNT, "org", anyoneInOrg, READ),
                role(ACCOUNT, "self", SELF, READ))));
    write(dir, "config.yml", "organization_accounts: [222222222222]\n");

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-EXT-01")).containsExactly(arn("role", "vendor"));
    assertThat(detail(result, "AWS-EXT-01", arn("role", "vendor")))
        .contains("account 999999999999", "without sts:ExternalId");
    assertThat(
            result
                .index()
                .lookup(
                    CloudProvider.AWS,
                    "arn:aws:sts::" + ACCOUNT + ":assumed-role/vendor/session-1"))
        .map(PrincipalPosture::external)
        .hasValue(true);
  }

  @Test
  void production_mixedTagsAndNonProductionTrust(@TempDir Path dir) throws IOException {
    String fromDev =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
            + " \"arn:aws:iam::333333333333:role/pipeline\"}, \"Action\": \"sts:AssumeRole\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "app", READ, "[{\"Key\": \"Environment\", \"Value\": \"staging\"}]")),
            List.of(role(ACCOUNT, "deploy", fromDev, READ), role(ACCOUNT, "self", SELF, READ))));
    write(
        dir,
        "config.yml",
        "production: ["
            + ACCOUNT
            + "]\nnon_production: [333333333333]\n"
            + "organization_accounts: [333333333333]\n");

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-PROD-01")).containsExactly(ACCOUNT);
    assertThat(failed(result, "AWS-PROD-02")).containsExactly(arn("role", "deploy"));
    assertThat(failed(result, "AWS-EXT-01")).isEmpty();
  }

  @Test
  void production_notEvaluatedWithoutConfiguration(@TempDir Path dir) throws IOException {
    write(dir, "a.json", details(List.of(), List.of(role(ACCOUNT, "self", SELF, READ))));

    PostureResult result = audit(dir);

    assertThat(statuses(result, "AWS-PROD-02")).containsExactly(CheckStatus.NOT_EVALUATED);
    assertThat(statuses(result, "AWS-PROD-01")).containsExactly(CheckStatus.NOT_EVALUATED);
    assertThat(notEvaluatedDetail(result, "AWS-PROD-01", ACCOUNT))
        .contains("no production accounts in the posture configuration");
  }

  @Test
  void external_otherAccountNotEvaluatedWithoutOrganisationAccounts(@TempDir Path dir)
      throws IOException {
    String partner =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"999999999999\"},"
            + " \"Action\": \"sts:AssumeRole\"}]";
    String anyone =
        "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
            + " \"Action\": \"sts:AssumeRole\"}]";
    write(
        dir,
        "a.json",
        details(
            List.of(),
            List.of(
                role(ACCOUNT, "vendor", partner, READ),
                role(ACCOUNT, "public", anyone, READ),
                role(ACCOUNT, "self", SELF, READ))));

    PostureResult result = audit(dir);

    assertThat(failed(result, "AWS-EXT-01")).containsExactly(arn("role", "public"));
    assertThat(notEvaluatedDetail(result, "AWS-EXT-01", ACCOUNT))
        .contains("no organization_accounts", arn("role", "vendor") + " (trusts 999999999999)");
  }

  @Test
  void credentialReport_mfaRootAndStaleness(@TempDir Path dir) throws IOException {
    write(
        dir,
        "a.json",
        details(
            List.of(
                user(ACCOUNT, "admin", ALL, "[]"),
                user(ACCOUNT, "fresh", READ, "[]"),
                user(ACCOUNT, "stale", READ, "[]")),
            List.of()));
    write(
        dir,
        "report.csv",
        HEADER
            + "<root_account>,arn:aws:iam::"
            + ACCOUNT
            + ":root,2020-01-01T00:00:00+00:00,"
            + "not_supported,2025-02-25T00:00:00+00:00,not_supported,not_supported,false,true,"
            + "2020-01-01T00:00:00+00:00,N/A,false,N/A,N/A\n"
            + "admin,"
            + arn("user", "admin")
            + ",2024-01-01T00:00:00+00:00,true,"
            + "2025-03-01T00:00:00+00:00,N/A,N/A,false,false,N/A,N/A,false,N/A,N/A\n"
            + "fresh,"
            + arn("user", "fresh")
            + ",2024-01-01T00:00:00+00:00,true,"
            + "2025-02-01T00:00:00+00:00,N/A,N/A,true,true,2025-01-01T00:00:00+00:00,"
            + "2025-03-01T00:00:00+00:00,false,N/A,N/A\n"
            + "stale,"
            + arn("user", "stale")
            + ",2023-01-01T00:00:00+00:00,true,no_information,"
            + "N/A,N/A,true,true,2023-01-01T00:00:00+00:00,N/A,false,N/A,N/A\n");

    PostureResult result = audit(dir);

    String root = "arn:aws:iam::" + ACCOUNT + ":root";
    assertThat(failed(result, "AWS-ROOT-01")).containsExactly(root);
    assertThat(failed(result, "AWS-ROOT-02")).containsExactly(root);
    assertThat(failed(result, "AWS-ROOT-03")).containsExactly(root);
    assertThat(failed(result, "AWS-MFA-01")).containsExactly(arn("user", "admin"));
    assertThat(failed(result, "AWS-MFA-02")).containsExactly(arn("user", "admin"));
    assertThat(failed(result, "AWS-STALE-01")).containsExactly(arn("user", "stale"));
    assertThat(detail(result, "AWS-STALE-01", arn("user", "stale")))
        .contains("never used", "2023-01-01T00:00:00Z");
    assertThat(failed(result, "AWS-STALE-02")).containsExactly(arn("user", "stale"));
    assertThat(failed(result, "AWS-STALE-03")).containsExactly(arn("user", "stale"));
    assertThat(result.index().lookup(CloudProvider.AWS, arn("user", "admin")))
        .map(PrincipalPosture::privilegedWithoutMfa)
        .hasValue(true);
  }

  @Test
  void staleness_followsConfiguredAge(@TempDir Path dir) throws IOException {
    write(
        dir,
        "report.csv",
        HEADER
            + "fresh,"
            + arn("user", "fresh")
            + ",2024-01-01T00:00:00+00:00,true,"
            + "2025-02-01T00:00:00+00:00,N/A,N/A,true,false,N/A,N/A,false,N/A,N/A\n");
    write(dir, "config.yml", "stale_days: 10\n");

    assertThat(failed(audit(dir), "AWS-STALE-01")).containsExactly(arn("user", "fresh"));
  }

  @Test
  void credentialReportJson_base64ContentAndGeneratedTime(@TempDir Path dir) throws IOException {
    String csv =
        HEADER
            + "<root_account>,arn:aws:iam::"
            + ACCOUNT
            + ":root,"
            + "2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,"
            + "N/A,false,N/A,N/A\n";
    String content =
        java.util.Base64.getEncoder()
            .encodeToString(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    write(
        dir,
        "report.json",
        "{\"Content\": \""
            + content
            + "\", \"ReportFormat\": \"text/csv\","
            + " \"GeneratedTime\": \"2025-01-05T10:00:00+00:00\"}");

    PostureInputs inputs = new PostureLoader().load(dir);

    assertThat(PostureAudit.defaultAsOf(inputs, PostureFixtures.AS_OF))
        .isEqualTo(java.time.Instant.parse("2025-01-05T10:00:00Z"));
    PostureResult result = new PostureAudit().audit(inputs, PostureFixtures.AS_OF);
    assertThat(statuses(result, "AWS-ROOT-01")).containsExactly(CheckStatus.PASS);
    assertThat(statuses(result, "AWS-ROOT-03")).containsExactly(CheckStatus.PASS);
  }
}
