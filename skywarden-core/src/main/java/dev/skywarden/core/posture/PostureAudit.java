package dev.skywarden.core.posture;

import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.posture.aws.AwsAudit;
import dev.skywarden.core.posture.azure.AzureAudit;
import dev.skywarden.core.posture.gcp.GcpAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the posture checks of AWS, Azure and GCP over exported IAM data, offline.
 *
 * <p>Each cloud's checks run only when its exports are present; a check whose optional export is
 * missing reports {@link CheckStatus#NOT_EVALUATED} with the reason. The result does not depend on
 * file order beyond the path order the loader fixes. Stateless and thread-safe.
 */
public final class PostureAudit {

  private final CheckCatalog catalog;
  private final List<ProviderAudit> providers;

  /** Creates an audit with the bundled checks and every cloud. */
  public PostureAudit() {
    this(CheckCatalog.bundled());
  }

  /** Creates an audit with the given checks and every cloud. */
  public PostureAudit(CheckCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.providers = List.of(new AwsAudit(), new AzureAudit(), new GcpAudit());
  }

  /**
   * Audits the inputs.
   *
   * @param asOf the time ages are measured against; pass {@link #defaultAsOf} for the usual rule
   * @throws PostureInputException when a recognised export has a field of the wrong type
   */
  public PostureResult audit(PostureInputs inputs, Instant asOf) throws PostureInputException {
    AuditContext context = new AuditContext(catalog, inputs.config(), asOf);
    AuditResults results = new AuditResults(context);
    for (ProviderAudit provider : providers) {
      provider.run(inputs, results);
    }
    List<CheckResult> all = new ArrayList<>(results.results());
    addUnreported(inputs, all);
    List<IdentityFacts> facts = results.identities();
    List<PrincipalPosture> identities = new ArrayList<>();
    facts.forEach(identity -> identities.add(identity.toPosture()));

    List<String> files = new ArrayList<>();
    inputs.exports().forEach(e -> files.add(e.file() + " (" + e.kind().description() + ")"));
    return new PostureResult(
        all, identities, PostureIndex.of(facts), asOf, files, inputs.ignored(), results.warnings());
  }

  /**
   * Adds a not-evaluated result for every check of a cloud with at least one export that reported
   * nothing, so a check whose export is missing shows up instead of vanishing.
   */
  private void addUnreported(PostureInputs inputs, List<CheckResult> all) {
    Set<String> providers = new HashSet<>();
    for (PostureExport export : inputs.exports()) {
      providers.add(providerOf(export.kind()));
    }
    Set<String> reported = new HashSet<>();
    all.forEach(result -> reported.add(result.check().id()));
    for (CheckDefinition check : catalog.all()) {
      if (providers.contains(check.provider()) && !reported.contains(check.id())) {
        all.add(
            new CheckResult(
                check,
                CheckStatus.NOT_EVALUATED,
                null,
                "(no scope)",
                "scope",
                "no export it reads holds anything to evaluate (exports read: "
                    + kindsOf(inputs, check.provider())
                    + ")",
                null));
      }
    }
    all.sort(CheckResult.ORDER);
  }

  private static String kindsOf(PostureInputs inputs, String provider) {
    Set<String> kinds = new TreeSet<>();
    for (PostureExport export : inputs.exports()) {
      if (providerOf(export.kind()).equals(provider)) {
        kinds.add(export.kind().description());
      }
    }
    return String.join(", ", kinds);
  }

  private static String providerOf(ExportKind kind) {
    String name = kind.name();
    if (name.startsWith("AWS_")) {
      return "aws";
    }
    if (name.startsWith("GCP_")) {
      return "gcp";
    }
    return name.startsWith("AZURE_") || name.startsWith("ENTRA_") ? "azure" : "";
  }

  /**
   * Returns the time staleness is measured against when none is given: the newest generation time
   * the exports state, else {@code now}.
   */
  public static Instant defaultAsOf(PostureInputs inputs, Instant now) {
    return inputs.generatedTime().orElse(now);
  }
}
