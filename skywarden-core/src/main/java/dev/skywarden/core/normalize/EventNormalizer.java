package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.fingerprint.ClientClassifier;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.Objects;

/**
 * Turns raw audit records into {@link CloudEvent}s, detecting the log format of each record on its
 * own so that one input may mix CloudTrail, Azure Activity, Entra ID and GCP records.
 *
 * <p>Every record gives exactly one result: an event, or a skip with a {@link SkipReason} and a
 * detail that names the value at fault. Records that are not objects give {@code NOT_AN_OBJECT};
 * objects of no supported format give {@code UNKNOWN_FORMAT} with their top-level keys. CloudTrail
 * Insights events give {@code INSIGHT_EVENT}, and records without a usable time give {@code
 * INVALID_TIME}. The input node is never mutated.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EventNormalizer {

  /** How many top-level keys an {@code UNKNOWN_FORMAT} detail lists. */
  static final int MAX_KEYS_IN_DETAIL = 8;

  private final CloudTrailNormalizer cloudTrail;
  private final AzureActivityNormalizer azureActivity;
  private final EntraSignInNormalizer entraSignIn;
  private final EntraAuditNormalizer entraAudit;
  private final GcpAuditNormalizer gcpAudit;

  /** Creates a normaliser that classifies clients with the bundled fingerprint list. */
  public EventNormalizer() {
    this(ClientClassifier.standard());
  }

  /** Creates a normaliser that classifies clients with the given classifier. */
  public EventNormalizer(ClientClassifier classifier) {
    Objects.requireNonNull(classifier, "classifier");
    this.cloudTrail = new CloudTrailNormalizer(classifier);
    this.azureActivity = new AzureActivityNormalizer(classifier);
    this.entraSignIn = new EntraSignInNormalizer(classifier);
    this.entraAudit = new EntraAuditNormalizer(classifier);
    this.gcpAudit = new GcpAuditNormalizer(classifier);
  }

  /**
   * Normalises one record. A record of an unexpected shape gives a {@link NormalizeResult.Skipped}
   * result instead of an exception.
   */
  public NormalizeResult normalize(RawRecord record) {
    JsonNode node = record.node();
    SourceLocation location = record.location();
    if (node == null || !node.isObject()) {
      String type =
          node == null ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      return skip(location, SkipReason.NOT_AN_OBJECT, "found a JSON " + type);
    }

    MarkerFields top = MarkerFields.of(node);
    RecordFormat format = FormatDetector.detect(top);
    if (format == RecordFormat.CLOUDTRAIL_INSIGHT) {
      return skip(
          location,
          SkipReason.INSIGHT_EVENT,
          "eventCategory Insight, insightDetails.eventName "
              + JsonFields.text(node, "insightDetails", "eventName"));
    }
    if (format == RecordFormat.KUBERNETES_AUDIT) {
      return skip(
          location,
          SkipReason.UNKNOWN_FORMAT,
          "Kubernetes audit event, not supported; "
              + JsonFields.describeKeys(node, MAX_KEYS_IN_DETAIL));
    }
    FormatNormalizer normalizer =
        switch (format) {
          case CLOUDTRAIL -> cloudTrail;
          case AZURE_ACTIVITY -> azureActivity;
          case ENTRA_SIGNIN -> entraSignIn;
          case ENTRA_AUDIT -> entraAudit;
          case GCP_AUDIT -> gcpAudit;
          default -> null;
        };
    if (normalizer == null) {
      return skip(
          location, SkipReason.UNKNOWN_FORMAT, JsonFields.describeKeys(node, MAX_KEYS_IN_DETAIL));
    }

    try {
      return new NormalizeResult.Normalized(normalizer.normalize(node, location, top.keyBits()));
    } catch (SkipException skipped) {
      return skip(location, skipped.reason(), formatName(format) + ": " + skipped.getMessage());
    }
  }

  private static String formatName(RecordFormat format) {
    return format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static NormalizeResult skip(SourceLocation location, SkipReason reason, String detail) {
    return new NormalizeResult.Skipped(new SkippedRecord(location, reason, detail));
  }
}
