package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code aws iam get-account-authorization-details} into users and roles with their effective
 * permissions. A managed policy that the export does not include (an export filtered to local
 * policies) is taken from the simplified copies in the check data, or left out with a warning in
 * {@link #missingPolicies()}.
 */
final class AwsAuthorizationReader {

  private final CheckCatalog catalog;
  private final TreeSet<String> missingPolicies = new TreeSet<>();

  AwsAuthorizationReader(CheckCatalog catalog) {
    this.catalog = catalog;
  }

  /** Returns the managed policies that were attached but neither exported nor known. */
  List<String> missingPolicies() {
    return new ArrayList<>(missingPolicies);
  }

  List<AwsIdentity> read(PostureExport export) throws PostureInputException {
    JsonFieldReader fields = new JsonFieldReader(export.file());
    JsonNode root = export.data();

    Map<String, List<IamStatement>> managed = new HashMap<>();
    List<JsonNode> policies = fields.array(root, "Policies", "$");
    for (int i = 0; i < policies.size(); i++) {
      String path = "$.Policies[" + i + "]";
      JsonNode policy = fields.element(policies.get(i), path);
      String arn = fields.text(policy, "Arn", path);
      String name = fields.text(policy, "PolicyName", path);
      List<JsonNode> versions = fields.array(policy, "PolicyVersionList", path);
      for (int v = 0; v < versions.size(); v++) {
        JsonNode version = versions.get(v);
        if (version.path("IsDefaultVersion").asBoolean(false)) {
          String versionPath = path + ".PolicyVersionList[" + v + "]";
          JsonNode document = fields.object(version, "Document", versionPath);
          managed.put(arn, statements(fields, document, name, versionPath + ".Document"));
        }
      }
    }

    Map<String, JsonNode> groups = new HashMap<>();
    List<JsonNode> groupList = fields.array(root, "GroupDetailList", "$");
    for (int i = 0; i < groupList.size(); i++) {
      JsonNode group = fields.element(groupList.get(i), "$.GroupDetailList[" + i + "]");
      groups.put(fields.text(group, "GroupName", "$.GroupDetailList[" + i + "]"), group);
    }

    List<AwsIdentity> identities = new ArrayList<>();
    List<JsonNode> users = fields.array(root, "UserDetailList", "$");
    for (int i = 0; i < users.size(); i++) {
      String path = "$.UserDetailList[" + i + "]";
      JsonNode user = fields.element(users.get(i), path);
      List<IamStatement> statements = new ArrayList<>();
      List<String> attached = new ArrayList<>();
      inline(fields, user, "UserPolicyList", path, statements);
      attached(fields, user, path, managed, statements, attached);
      List<JsonNode> memberships = fields.array(user, "GroupList", path);
      for (JsonNode membership : memberships) {
        JsonNode group = groups.get(membership.asText());
        if (group != null) {
          String groupPath = "$.GroupDetailList[" + membership.asText() + "]";
          inline(fields, group, "GroupPolicyList", groupPath, statements);
          attached(fields, group, groupPath, managed, statements, attached);
        }
      }
      identities.add(identity(fields, user, "user", "UserName", path, statements, attached));
    }

    List<JsonNode> roles = fields.array(root, "RoleDetailList", "$");
    for (int i = 0; i < roles.size(); i++) {
      String path = "$.RoleDetailList[" + i + "]";
      JsonNode role = fields.element(roles.get(i), path);
      List<IamStatement> statements = new ArrayList<>();
      List<String> attached = new ArrayList<>();
      inline(fields, role, "RolePolicyList", path, statements);
      attached(fields, role, path, managed, statements, attached);
      identities.add(identity(fields, role, "role", "RoleName", path, statements, attached));
    }
    return identities;
  }

  private AwsIdentity identity(
      JsonFieldReader fields,
      JsonNode node,
      String kind,
      String nameField,
      String path,
      List<IamStatement> statements,
      List<String> attached)
      throws PostureInputException {
    String arn = fields.text(node, "Arn", path);
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      throw new PostureInputException(
          fields.file(), "field '" + path + ".Arn': invalid ARN '" + arn + "'");
    }
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode tag : fields.array(node, "Tags", path)) {
      tags.put(tag.path("Key").asText(), tag.path("Value").asText());
    }
    String iamPath = fields.optionalText(node, "Path", path);
    return new AwsIdentity(
        kind,
        fields.text(node, nameField, path),
        arn,
        parts[4],
        iamPath == null ? "/" : iamPath,
        new IamPermissions(statements),
        List.copyOf(attached),
        tags,
        kind.equals("role") ? fields.object(node, "AssumeRolePolicyDocument", path) : node.path(""),
        fields.file());
  }

  private static void inline(
      JsonFieldReader fields,
      JsonNode owner,
      String listField,
      String path,
      List<IamStatement> statements)
      throws PostureInputException {
    List<JsonNode> list = fields.array(owner, listField, path);
    for (int i = 0; i < list.size(); i++) {
      String itemPath = path + "." + listField + "[" + i + "]";
      JsonNode policy = fields.element(list.get(i), itemPath);
      JsonNode document = fields.object(policy, "PolicyDocument", itemPath);
      String name = fields.text(policy, "PolicyName", itemPath);
      statements.addAll(statements(fields, document, name, itemPath + ".PolicyDocument"));
    }
  }

  /**
   * Reads the statements of a policy document after checking that each has an {@code Effect} of
   * {@code Allow} or {@code Deny}, which IAM matches case-sensitively.
   *
   * @throws PostureInputException naming the statement when its Effect is missing or invalid
   */
  private static List<IamStatement> statements(
      JsonFieldReader fields, JsonNode document, String policyName, String path)
      throws PostureInputException {
    JsonNode list = document.path("Statement");
    int count = list.isArray() ? list.size() : 1;
    for (int i = 0; i < count; i++) {
      JsonNode statement = list.isArray() ? list.get(i) : list;
      String statementPath = path + ".Statement" + (list.isArray() ? "[" + i + "]" : "");
      JsonNode effect = statement.path("Effect");
      if (!effect.isTextual()
          || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
        throw new PostureInputException(
            fields.file(),
            "field '"
                + statementPath
                + ".Effect': expected Allow or Deny, got "
                + (effect.isMissingNode() ? "nothing" : "'" + effect.asText() + "'"));
      }
    }
    return IamStatement.read(document, policyName);
  }

  private void attached(
      JsonFieldReader fields,
      JsonNode owner,
      String path,
      Map<String, List<IamStatement>> managed,
      List<IamStatement> statements,
      List<String> attached)
      throws PostureInputException {
    List<JsonNode> list = fields.array(owner, "AttachedManagedPolicies", path);
    for (int i = 0; i < list.size(); i++) {
      String itemPath = path + ".AttachedManagedPolicies[" + i + "]";
      JsonNode policy = fields.element(list.get(i), itemPath);
      String arn = fields.text(policy, "PolicyArn", itemPath);
      String name = fields.text(policy, "PolicyName", itemPath);
      attached.add(name);
      List<IamStatement> exported = managed.get(arn);
      if (exported != null) {
        statements.addAll(exported);
        continue;
      }
      JsonNode known = catalog.awsManagedPolicyStatements(name).orElse(null);
      if (known != null && arn.startsWith("arn:aws:iam::aws:")) {
        statements.addAll(IamStatement.readList(known, name));
      } else {
        missingPolicies.add(arn);
      }
    }
  }
}
