package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.finding.PrincipalPosture.Access;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.ExportKind;
import dev.skywarden.core.posture.IdentityFacts;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureIndex;
import dev.skywarden.core.posture.PostureInputException;
import dev.skywarden.core.posture.PostureInputs;
import dev.skywarden.core.posture.ProviderAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS checks: permissions and trust from the authorization details, credentials and root use
 * from the credential report, root MFA from the account summary.
 */
public final class AwsAudit implements ProviderAudit {

  private static final Logger log = LoggerFactory.getLogger(AwsAudit.class);

  @Override
  public void run(PostureInputs inputs, AuditResults results) throws PostureInputException {
    List<PostureExport> details = inputs.exports(ExportKind.AWS_AUTHORIZATION_DETAILS);
    List<PostureExport> reports = inputs.exports(ExportKind.AWS_CREDENTIAL_REPORT);
    List<PostureExport> summaries = inputs.exports(ExportKind.AWS_ACCOUNT_SUMMARY);
    List<PostureExport> mfaDevices = inputs.exports(ExportKind.AWS_VIRTUAL_MFA_DEVICES);
    if (details.isEmpty() && reports.isEmpty() && summaries.isEmpty() && mfaDevices.isEmpty()) {
      return;
    }

    AwsAuthorizationReader reader = new AwsAuthorizationReader(results.context().catalog());
    Map<String, AwsPrivileges> byArn = new LinkedHashMap<>();
    for (PostureExport export : details) {
      for (AwsIdentity identity : reader.read(export)) {
        byArn.put(identity.arn(), AwsPrivileges.of(identity, results.context().catalog()));
      }
    }
    if (!reader.missingPolicies().isEmpty()) {
      log.warn(
          "attached managed policies missing from the authorization details, not evaluated: {}"
              + " (export without --filter to include them)",
          reader.missingPolicies());
    }

    List<AwsPrivileges> identities = new ArrayList<>(byArn.values());
    registerIdentities(identities, results);
    new AwsPermissionChecks(results).run(identities, !details.isEmpty());
    new AwsTrustChecks(results).run(identities);
    new AwsCredentialChecks(results).run(reports, summaries, mfaDevices, byArn, !details.isEmpty());
  }

  private static void registerIdentities(List<AwsPrivileges> identities, AuditResults results) {
    for (AwsPrivileges privileges : identities) {
      AwsIdentity identity = privileges.identity();
      IdentityFacts facts = results.identity("aws", identity.arn(), identity.kind());
      if (!identity.isUser()) {
        facts.alias(PostureIndex.awsRoleKey(identity.account(), identity.name()));
      }
      if (privileges.privileged()) {
        facts.privileged();
        facts.access(
            identity.isUser()
                ? Access.STANDING
                : identity.identityCenterRole() ? Access.JUST_IN_TIME : Access.UNKNOWN);
      }
    }
  }

  /** Returns the account id of an ARN, or {@code null}. */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length >= 6 ? parts[4] : null;
  }

  /** Returns the value of a JSON field as text, or {@code ""}. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
