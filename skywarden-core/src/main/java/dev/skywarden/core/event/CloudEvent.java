package dev.skywarden.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One normalised control-plane event, aligned with OCSF API Activity (class 6003) and
 * Authentication (class 3002).
 *
 * <p>Instances are immutable and safe to share between threads, provided no one mutates {@link
 * #raw()}; the pipeline never does.
 *
 * @param time when the call happened (the provider's event time, UTC)
 * @param kind the audit log this event came from, which also names the provider
 * @param eventId the provider's event id (the CloudTrail event ID, the Azure correlation or record
 *     id, the GCP insert id); never null: a synthetic id from the source location is used when the
 *     log has none
 * @param account AWS account, Azure subscription or tenant, or GCP project; {@code null} if absent
 * @param region AWS region, Azure location or GCP location; {@code null} if absent
 * @param actor the identity behind the call
 * @param credential the credential it signed with
 * @param source where the call came from
 * @param userAgent the raw user agent, or {@code null}
 * @param api the operation called
 * @param outcome success or the error
 * @param resources resource identifiers named by the event (ARNs, Azure resource ids, GCP resource
 *     names), possibly empty
 * @param client the classified client
 * @param raw the original record, for field-by-field rule matching
 * @param location where the record was read
 */
public record CloudEvent(
    Instant time,
    LogKind kind,
    String eventId,
    String account,
    String region,
    Actor actor,
    Credential credential,
    SourceAddress source,
    String userAgent,
    Api api,
    Outcome outcome,
    List<String> resources,
    ClientFingerprint client,
    JsonNode raw,
    SourceLocation location) {

  public CloudEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(location, "location");
    resources = List.copyOf(resources);
  }

  /**
   * Returns a copy with another source, such as the source with its network intel added; the raw
   * record is shared, not copied.
   */
  public CloudEvent withSource(SourceAddress newSource) {
    return new CloudEvent(
        time,
        kind,
        eventId,
        account,
        region,
        actor,
        credential,
        newSource,
        userAgent,
        api,
        outcome,
        resources,
        client,
        raw,
        location);
  }

  /** Returns a copy with another raw record, such as a shared empty one for kept evidence. */
  public CloudEvent withRaw(JsonNode newRaw) {
    return new CloudEvent(
        time,
        kind,
        eventId,
        account,
        region,
        actor,
        credential,
        source,
        userAgent,
        api,
        outcome,
        resources,
        client,
        newRaw,
        location);
  }

  public CloudProvider provider() {
    return kind.provider();
  }
}
