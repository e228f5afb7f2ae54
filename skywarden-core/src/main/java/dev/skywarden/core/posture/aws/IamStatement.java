package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One statement of an IAM policy, reduced to what the checks evaluate: effect, actions or
 * NotActions, resources, and whether a condition limits it.
 *
 * @param allow true for {@code Allow}, false for {@code Deny}
 * @param actions the {@code Action} patterns, lower case; empty when {@code NotAction} is used
 * @param notActions the {@code NotAction} patterns, lower case
 * @param resources the {@code Resource} patterns; {@code *} when the statement uses NotResource
 * @param notResource whether the statement uses {@code NotResource}
 * @param conditional whether a {@code Condition} is present
 * @param policy the name of the policy the statement is in
 */
record IamStatement(
    boolean allow,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    boolean notResource,
    boolean conditional,
    String policy) {

  /** Reads the statements of a policy document; a single statement object is accepted. */
  static List<IamStatement> read(JsonNode document, String policy) {
    JsonNode statements = document.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    }
    List<IamStatement> result = new ArrayList<>();
    for (JsonNode statement : list) {
      result.add(readOne(statement, policy));
    }
    return result;
  }

  /** Reads a list of statements as stored in the data file. */
  static List<IamStatement> readList(JsonNode statements, String policy) {
    List<IamStatement> result = new ArrayList<>();
    statements.forEach(statement -> result.add(readOne(statement, policy)));
    return result;
  }

  private static IamStatement readOne(JsonNode statement, String policy) {
    List<String> resources = strings(statement.path("Resource"), false);
    boolean notResource = statement.has("NotResource");
    if (notResource) {
      resources = List.of("*");
    }
    return new IamStatement(
        statement.path("Effect").asText().equalsIgnoreCase("Allow"),
        strings(statement.path("Action"), true),
        strings(statement.path("NotAction"), true),
        resources,
        notResource,
        statement.has("Condition") && statement.get("Condition").size() > 0,
        policy);
  }

  /** Tells whether the statement names the action, by Action pattern or outside NotAction. */
  boolean coversAction(String action) {
    String lower = action.toLowerCase(Locale.ROOT);
    if (!notActions.isEmpty()) {
      for (String pattern : notActions) {
        if (wildcard(pattern, lower)) {
          return false;
        }
      }
      return true;
    }
    for (String pattern : actions) {
      if (wildcard(pattern, lower)) {
        return true;
      }
    }
    return false;
  }

  /** Tells whether Resource is {@code *}. */
  boolean allResources() {
    return resources.contains("*");
  }

  /**
   * Tells whether a resource could name something the identity can abuse: any resource except
   * AWS-managed policies ({@code arn:aws:iam::aws:}), which no customer can change.
   */
  boolean exploitableResource() {
    for (String resource : resources) {
      if (!resource.startsWith("arn:aws:iam::aws:")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether every resource names only the caller's own IAM user: its ARN, or a user ARN whose
   * name is the {@code ${aws:username}} policy variable (any path and account). Such a grant lets a
   * user manage its own credentials, and a role none, since the variable has no value in a role
   * session.
   *
   * @param callerArn the ARN of the identity whose policy contains the statement
   */
  boolean onlyCallerUser(String callerArn) {
    if (notResource || resources.isEmpty()) {
      return false;
    }
    for (String resource : resources) {
      boolean ownArn = resource.equals(callerArn);
      boolean ownVariable = resource.contains(":user/") && resource.endsWith("/${aws:username}");
      if (!ownArn && !ownVariable) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether this is a Deny that surely applies to the action whatever the request: no
   * condition, {@code Resource: *} and no {@code NotResource}. A Deny that fails any of these may
   * not apply to a request, so a conservative audit does not let it cancel a grant.
   */
  boolean deniesEverywhere(String action) {
    return !allow
        && !conditional
        && !notResource
        && resources.contains("*")
        && coversAction(action);
  }

  /** Returns the action patterns as written, such as {@code iam:*} or {@code NotAction s3:*}. */
  String describeActions() {
    return notActions.isEmpty()
        ? String.join(", ", actions)
        : "NotAction " + String.join(", ", notActions);
  }

  /** Tells whether the statement grants every action: {@code Action: *}. */
  boolean allActions() {
    return notActions.isEmpty() && actions.contains("*");
  }

  private static List<String> strings(JsonNode node, boolean lowerCase) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(lowerCase ? node.asText().toLowerCase(Locale.ROOT) : node.asText());
    } else if (node.isArray()) {
      node.forEach(
          value ->
              values.add(lowerCase ? value.asText().toLowerCase(Locale.ROOT) : value.asText()));
    }
    return List.copyOf(values);
  }

  private static boolean wildcard(String pattern, String text) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return pattern.equals(text);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return text.matches(regex.toString());
  }
}
