package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.mappings.CoverageSource;
import dev.skywarden.core.mappings.Detection;
import dev.skywarden.core.mappings.PostureCheck;
import dev.skywarden.core.mappings.PostureCheck.ControlRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The posture checks and the facts they rely on (privilege escalation combinations, role lists,
 * simplified AWS managed policies), read from the resource {@value #RESOURCE}.
 *
 * <p>As a {@link CoverageSource} it offers every check with its NIST SP 800-53 r5 controls and CRI
 * Profile statements, so {@code skywarden mappings} lists the checks beside the controls they
 * evidence. Immutable and safe to share between threads; {@link #bundled()} loads once.
 */
public final class CheckCatalog implements CoverageSource {

  /** The class-path resource of the bundled checks. */
  public static final String RESOURCE = "/dev/skywarden/core/posture/posture-checks.json";

  private static final int SUPPORTED_FORMAT_VERSION = 1;

  /**
   * A privilege escalation path of AWS IAM: holding all of {@code actions} lets an identity gain
   * more rights.
   *
   * @param name what the combination lets the identity do
   * @param actions the IAM actions, all required
   * @param otherUsers whether the path needs the actions on another user, so that a grant on the
   *     caller's own user ({@code user/${aws:username}} or its own ARN) does not open it
   */
  public record Escalation(String name, List<String> actions, boolean otherUsers) {
    public Escalation {
      actions = List.copyOf(actions);
    }
  }

  private final Map<String, CheckDefinition> checks;
  private final List<Escalation> awsEscalations;
  private final List<String> awsRunCommandActions;
  private final List<String> awsDenyRemovalActions;
  private final Map<String, JsonNode> awsManagedPolicies;
  private final JsonNode root;

  private CheckCatalog(JsonNode root, String source) {
    if (root.path("format_version").asInt(-1) != SUPPORTED_FORMAT_VERSION) {
      throw new IllegalArgumentException(
          source + ": format_version " + root.path("format_version") + ", expected 1");
    }
    this.root = root;
    Map<String, CheckDefinition> byId = new LinkedHashMap<>();
    for (JsonNode node : root.path("checks")) {
      CheckDefinition check = readCheck(node, source);
      if (byId.put(check.id(), check) != null) {
        throw new IllegalArgumentException(source + ": duplicate check id " + check.id());
      }
    }
    this.checks = byId;

    List<Escalation> escalations = new ArrayList<>();
    for (JsonNode node : root.path("aws_privilege_escalation")) {
      escalations.add(
          new Escalation(
              node.path("name").asText(),
              texts(node.path("actions")),
              node.path("other_users").asBoolean(false)));
    }
    this.awsEscalations = List.copyOf(escalations);
    this.awsRunCommandActions = texts(root.path("aws_run_command_actions"));
    this.awsDenyRemovalActions = texts(root.path("aws_deny_removal_actions"));
    Map<String, JsonNode> managed = new LinkedHashMap<>();
    root.path("aws_managed_policies")
        .properties()
        .forEach(e -> managed.put(e.getKey(), e.getValue()));
    this.awsManagedPolicies = managed;
  }

  /**
   * Returns the checks bundled with Skywarden.
   *
   * @throws IllegalStateException when the resource is missing or invalid (a broken build)
   */
  public static CheckCatalog bundled() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final CheckCatalog INSTANCE = load();

    private static CheckCatalog load() {
      try (InputStream in = CheckCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("posture check resource " + RESOURCE + " not found");
        }
        return new CheckCatalog(new ObjectMapper().readTree(in), RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("failed to read posture check resource " + RESOURCE, e);
      }
    }
  }

  /** Returns every check in file order. */
  public List<CheckDefinition> all() {
    return List.copyOf(checks.values());
  }

  /**
   * Returns the check with this id.
   *
   * @throws IllegalArgumentException when no check has the id (a bug in a check class)
   */
  public CheckDefinition check(String id) {
    CheckDefinition check = checks.get(id);
    if (check == null) {
      throw new IllegalArgumentException("unknown posture check id: " + id);
    }
    return check;
  }

  /** Returns the ATT&CK name of a mitigation id such as {@code M1026}, or the id itself. */
  public String mitigationName(String id) {
    return root.path("attack_mitigations").path(id).asText(id);
  }

  /** Returns the AWS privilege escalation combinations. */
  public List<Escalation> awsEscalations() {
    return awsEscalations;
  }

  /** Returns the AWS actions that open a shell or run commands on instances. */
  public List<String> awsRunCommandActions() {
    return awsRunCommandActions;
  }

  /**
   * Returns the IAM actions with which an identity can remove a Deny statement that applies to
   * itself: deleting or detaching policies, leaving a group.
   */
  public List<String> awsDenyRemovalActions() {
    return awsDenyRemovalActions;
  }

  /**
   * Returns the statements of an AWS managed policy that the export did not include, from the
   * simplified copies in the data file; empty when the policy is not among them.
   */
  public Optional<JsonNode> awsManagedPolicyStatements(String policyName) {
    return Optional.ofNullable(awsManagedPolicies.get(policyName));
  }

  /**
   * Returns the name of an Azure built-in role from its role definition id (the GUID, any case), or
   * empty when the id is not among the built-in roles the checks use.
   */
  public Optional<String> azureBuiltInRoleName(String roleDefinitionId) {
    JsonNode name =
        root.path("azure_builtin_role_ids")
            .get(roleDefinitionId.toLowerCase(java.util.Locale.ROOT));
    return name == null ? Optional.empty() : Optional.of(name.asText());
  }

  /**
   * Returns a role list of the data file, such as {@code azure_admin_roles}.
   *
   * @throws IllegalArgumentException when the data file has no such list
   */
  public List<String> roles(String key) {
    if (!root.path(key).isArray()) {
      throw new IllegalArgumentException("posture data has no role list " + key);
    }
    return texts(root.path(key));
  }

  @Override
  public String name() {
    return "built-in posture checks";
  }

  @Override
  public List<Detection> detections() {
    return List.of();
  }

  @Override
  public List<PostureCheck> checks() {
    List<PostureCheck> result = new ArrayList<>();
    for (CheckDefinition check : checks.values()) {
      List<ControlRef> controls = new ArrayList<>();
      for (String nist : check.nistControls()) {
        controls.add(new ControlRef("nist_800_53_r5", nist));
      }
      controls.add(new ControlRef("cri_profile", check.criStatement()));
      result.add(new PostureCheck(check.id(), check.title(), controls));
    }
    return result;
  }

  private static CheckDefinition readCheck(JsonNode node, String source) {
    String id = requireText(node, "id", source, "?");
    return new CheckDefinition(
        id,
        requireText(node, "provider", source, id),
        requireText(node, "family", source, id),
        Severity.parse(requireText(node, "severity", source, id)),
        requireText(node, "title", source, id),
        requireText(node, "csf", source, id),
        requireText(node, "cri", source, id),
        texts(node.path("nist")),
        texts(node.path("mitigations")),
        requireText(node, "remediation", source, id));
  }

  private static String requireText(JsonNode node, String field, String source, String id) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(
          source + ": check " + id + ": field '" + field + "' is missing or not text");
    }
    return value.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return List.copyOf(values);
  }
}
